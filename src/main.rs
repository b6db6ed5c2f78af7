use std::process::ExitCode;

use clap::Parser;
use mcpauth::cli::{self, Cli};

// glibc's allocator contends between Tokio's worker threads under load; mimalloc does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => cli::report(&e),
    }
}
