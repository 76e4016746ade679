fn main() -> std::process::ExitCode {
    lantian::cli::main()
}
