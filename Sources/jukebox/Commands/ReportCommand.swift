import ArgumentParser
import Foundation
import Store
import Web

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report: overview, genres, popularity and clusters.",
        discussion: "The file has its charts as inline SVG and its styles inline; it loads nothing and runs no script."
    )

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: ArgumentHelp("The HTML file to write; - writes it to standard output.", valueName: "path"))
    var out: String = "report.html"

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out needs a file name (or - for standard output)") }
    }

    func run() throws {
        try reportingErrors {
            if out != "-" { try Self.checkWritable(out) }
            let store = try warehouse.openReadOnly()
            let html = try WebReport.render(warehouse: store)
            if out == "-" {
                Console.out(html)
                return
            }
            do {
                try Data(html.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw CLIError.cannotWrite(path: out, reason: Self.reason(error))
            }
            Console.message("jukebox: wrote \(out) (\(Console.grouped(html.utf8.count)) bytes)")
        }
    }

    /// Refuses, before any work, an output path in a missing folder or naming a folder.
    static func checkWritable(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CLIError.cannotWrite(path: path, reason: "it is a folder")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            throw CLIError.cannotWrite(path: path, reason: "no such folder")
        }
        if !isFolder.boolValue { throw CLIError.cannotWrite(path: path, reason: "\(folder) is not a folder") }
    }

    /// The POSIX reason under Foundation's error, in words ("Permission denied"), else the error itself.
    static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = underlying, posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))).lowercased() }
        return (error as NSError).localizedDescription
    }
}
