use std::process::ExitCode;

fn main() -> ExitCode {
    carecheck::cli::main()
}
