/// Limited-memory BFGS with a backtracking (Armijo) line search.
struct LBFGS {
    var memory: Int
    var maxIterations: Int
    var tolerance: Double

    struct Result {
        var point: [Double]
        var value: Double
        var iterations: Int
    }

    func minimize(start: [Double], _ f: ([Double]) -> (Double, [Double])) -> Result {
        var x = start
        var (fx, g) = f(x)
        var s = [[Double]](), y = [[Double]](), rho = [Double]()
        var iterations = 0
        func dot(_ a: [Double], _ b: [Double]) -> Double { var t = 0.0; for i in a.indices { t += a[i] * b[i] }; return t }
        while iterations < maxIterations {
            if g.map(abs).max() ?? 0 < tolerance { break }
            iterations += 1
            // Two-loop recursion: d = -H g.
            var q = g
            var alpha = [Double](repeating: 0, count: s.count)
            for i in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[i] = rho[i] * dot(s[i], q)
                for j in q.indices { q[j] -= alpha[i] * y[i][j] }
            }
            if let ls = s.last, let ly = y.last {
                let gamma = dot(ls, ly) / dot(ly, ly)
                for j in q.indices { q[j] *= gamma }
            }
            for i in 0..<s.count {
                let beta = rho[i] * dot(y[i], q)
                for j in q.indices { q[j] += s[i][j] * (alpha[i] - beta) }
            }
            var d = q.map { -$0 }
            var slope = dot(g, d)
            if slope >= 0 { d = g.map { -$0 }; slope = dot(g, d); s.removeAll(); y.removeAll(); rho.removeAll() }
            var step = 1.0
            var accepted = false
            var nx = x, nf = fx, ng = g
            for _ in 0..<40 {
                for j in x.indices { nx[j] = x[j] + step * d[j] }
                (nf, ng) = f(nx)
                if nf <= fx + 1e-4 * step * slope { accepted = true; break }
                step *= 0.5
            }
            if !accepted { break }
            let si = (0..<x.count).map { nx[$0] - x[$0] }
            let yi = (0..<x.count).map { ng[$0] - g[$0] }
            let sy = dot(si, yi)
            if sy > 1e-12 {
                s.append(si); y.append(yi); rho.append(1 / sy)
                if s.count > memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
            }
            let improvement = fx - nf
            x = nx; fx = nf; g = ng
            if improvement < 1e-12 * max(1, abs(fx)) { break }
        }
        return Result(point: x, value: fx, iterations: iterations)
    }
}
