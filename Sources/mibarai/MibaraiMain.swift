import MibaraiCLI

/// The `mibarai` executable: everything lives in MibaraiCLI.
@main
enum MibaraiMain {
    static func main() async {
        await Mibarai.runFromCommandLine()
    }
}
