/// Unsafe pointer wrapper that lets disjoint parallel chunks write into one array.
/// Callers guarantee that no two chunks write the same index and that the storage outlives the work.
struct SharedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { base = p }
    @inline(__always) subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
