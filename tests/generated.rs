//! The checked-in completions and man pages must match the clap definition.

use std::collections::BTreeMap;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;
use mcpauth::cli::Cli;

const REGENERATE: &str = "UPDATE_GENERATED=1 cargo test --test main generated";

fn read_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap())
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn generate(out: &Path) {
    let completions = out.join("completions");
    let man = out.join("man");
    std::fs::create_dir_all(&completions).unwrap();
    std::fs::create_dir_all(&man).unwrap();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        clap_complete::generate_to(shell, &mut Cli::command(), "mcpauth", &completions).unwrap();
    }
    clap_mangen::generate_to(Cli::command(), &man).unwrap();
}

#[test]
fn completions_and_man_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());
    for dir in ["completions", "man"] {
        let want = read_dir(&fresh.path().join(dir));
        assert!(want.len() >= 5, "{dir}: generation produced too little");
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            let target = root.join(dir);
            let _ = std::fs::remove_dir_all(&target);
            std::fs::create_dir_all(&target).unwrap();
            for (name, bytes) in &want {
                std::fs::write(target.join(name), bytes).unwrap();
            }
            continue;
        }
        let have = read_dir(&root.join(dir));
        let stale: Vec<&String> = want
            .keys()
            .chain(have.keys())
            .filter(|name| want.get(*name) != have.get(*name))
            .collect();
        assert!(
            stale.is_empty(),
            "{dir}/ is stale ({stale:?}): run `{REGENERATE}` and commit the result"
        );
    }
    assert!(read_dir(&root.join("man")).contains_key("mcpauth-user-add.1"));
}
