import APIRefKit
import Foundation

// Built two ways (see scripts/fuzz.sh):
// - with `-D FUZZING` and `-sanitize=fuzzer,address`: a libFuzzer target. libFuzzer brings
//   its own `main`, so this file has no entry point then (it is not `main.swift`, whose top-level
//   code would define one); the target is chosen by the environment variable
//   `APIREF_FUZZ_TARGET`.
// - otherwise: `apiref-fuzz TARGET FILE...` replays files through the same harness, to
//   reproduce a crash without a sanitizer build.

#if FUZZING
/// Read once: libFuzzer calls the entry point millions of times.
private let fuzzTarget: FuzzHarness.Target = {
    let name = ProcessInfo.processInfo.environment["APIREF_FUZZ_TARGET"] ?? ""
    guard let target = FuzzHarness.Target(rawValue: name) else {
        let names = FuzzHarness.Target.allCases.map(\.rawValue).joined(separator: ", ")
        printError("apiref-fuzz: set APIREF_FUZZ_TARGET to one of \(names)")
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    FuzzHarness.run(fuzzTarget, bytes)
    return 0
}
#else
@main
enum FuzzReplay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        let names = FuzzHarness.Target.allCases.map(\.rawValue).joined(separator: "|")
        guard let name = arguments.first, let target = FuzzHarness.Target(rawValue: name), arguments.count > 1 else {
            printError("usage: apiref-fuzz \(names) FILE...\nreplays each file through the fuzz harness of TARGET")
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("apiref-fuzz: cannot read '\(path)'")
                exit(2)
            }
            FuzzHarness.run(target, Array(data))
            print("ok \(path)")
        }
    }
}
#endif

private func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
