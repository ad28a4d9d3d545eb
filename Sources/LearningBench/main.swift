import Foundation
import Learning

// Usage: LearningBench <prepared-data-dir> <workload> [key=value ...]
// Prints one JSON object per workload: {"workload", "seconds", "metric", "metric_name", "peak_mib", ...}.
let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write("usage: LearningBench <data-dir> <genre|genre-rf|pop|kmeans|knn|shap> [key=value...]\n".data(using: .utf8)!)
    exit(2)
}
var options = [String: String]()
for a in args.dropFirst(3) {
    let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
    if parts.count == 2 { options[parts[0]] = parts[1] }
}
do {
    let data = try BenchData(dir: args[1])
    let cpu0 = cpuSeconds()
    let result = try Workloads(data: data, options: options).run(args[2])
    let cpuTotal = cpuSeconds() - cpu0
    var out = result
    out.peakMiB = peakMemoryMiB()
    out.cpuSecondsTotal = cpuTotal
    print(try out.jsonLine())
} catch {
    FileHandle.standardError.write("LearningBench failed: \(error)\n".data(using: .utf8)!)
    exit(1)
}
