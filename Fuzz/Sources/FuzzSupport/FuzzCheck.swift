/// The properties a target asserts beyond "no crash": a failure traps, which libFuzzer reports
/// as a crash and saves the input.
public enum FuzzCheck {
    public static func expect(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
        if !condition { fatalError("fuzz property failed: \(message())", file: file, line: line) }
    }
}
