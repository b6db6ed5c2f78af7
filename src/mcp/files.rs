//! The built-in file tools' file system: everything confined to one root directory. Paths are
//! relative to the root; absolute paths, `..` and symlinks that lead outside are refused.

use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

/// Largest file `read` returns.
pub const MAX_READ: u64 = 512 * 1024;
/// Largest content `write` accepts.
pub const MAX_WRITE: usize = 4 * 1024 * 1024;
/// How much `search` looks at before it stops.
const SEARCH_MAX_ENTRIES: usize = 20_000;
const SEARCH_MAX_RESULTS: usize = 100;
const SEARCH_MAX_FILE: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    #[error("'{0}' is outside the files directory: use a path relative to it, without '..'")]
    Outside(String),
    #[error("'{0}' does not exist")]
    NotFound(String),
    #[error("'{0}' is not a directory")]
    NotADirectory(String),
    #[error("'{0}' is not a regular file")]
    NotAFile(String),
    #[error("'{0}' is a binary file; only text files can be read")]
    Binary(String),
    #[error("'{0}' is larger than {1} bytes")]
    TooLarge(String, u64),
    #[error("cannot access '{0}': {1}")]
    Io(String, io::Error),
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub name: String,
    pub kind: &'static str,
    pub size: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Match {
    pub path: String,
    /// The 1-based line of a content match; absent for a name match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Files {
    root: PathBuf,
}

impl Files {
    pub fn open(root: &Path) -> io::Result<Files> {
        Ok(Files {
            root: root.canonicalize()?,
        })
    }

    /// The path as given, checked to be relative and free of `..`, joined to the root.
    fn join(&self, rel: &str) -> Result<PathBuf, FilesError> {
        let mut path = self.root.clone();
        for part in Path::new(rel).components() {
            match part {
                Component::Normal(p) => path.push(p),
                Component::CurDir => {}
                Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                    return Err(FilesError::Outside(rel.to_owned()));
                }
            }
        }
        Ok(path)
    }

    /// An existing path, with symlinks resolved, that must still be under the root.
    fn existing(&self, rel: &str) -> Result<PathBuf, FilesError> {
        let joined = self.join(rel)?;
        let real = joined.canonicalize().map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => FilesError::NotFound(rel.to_owned()),
            _ => FilesError::Io(rel.to_owned(), e),
        })?;
        if !real.starts_with(&self.root) {
            return Err(FilesError::Outside(rel.to_owned()));
        }
        Ok(real)
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    pub fn list(&self, rel: &str) -> Result<Vec<Entry>, FilesError> {
        let dir = self.existing(rel)?;
        if !dir.is_dir() {
            return Err(FilesError::NotADirectory(rel.to_owned()));
        }
        let io_err = |e| FilesError::Io(rel.to_owned(), e);
        let mut entries = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io_err)? {
            let entry = entry.map_err(io_err)?;
            let meta = entry.metadata().map_err(io_err)?;
            let kind = if meta.is_symlink() {
                "symlink"
            } else if meta.is_dir() {
                "directory"
            } else {
                "file"
            };
            entries.push(Entry {
                name: entry.file_name().to_string_lossy().into_owned(),
                kind,
                size: if meta.is_file() { meta.len() } else { 0 },
            });
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    pub fn read(&self, rel: &str) -> Result<String, FilesError> {
        let path = self.existing(rel)?;
        let io_err = |e| FilesError::Io(rel.to_owned(), e);
        let meta = fs::metadata(&path).map_err(io_err)?;
        if !meta.is_file() {
            return Err(FilesError::NotAFile(rel.to_owned()));
        }
        if meta.len() > MAX_READ {
            return Err(FilesError::TooLarge(rel.to_owned(), MAX_READ));
        }
        let mut bytes = Vec::new();
        fs::File::open(&path)
            .and_then(|f| f.take(MAX_READ + 1).read_to_end(&mut bytes))
            .map_err(io_err)?;
        text(bytes).ok_or_else(|| FilesError::Binary(rel.to_owned()))
    }

    /// Creates or replaces a file. Its directory must exist inside the root; a symlink in the
    /// file's place is refused rather than followed.
    pub fn write(&self, rel: &str, content: &str) -> Result<u64, FilesError> {
        if content.len() > MAX_WRITE {
            return Err(FilesError::TooLarge(rel.to_owned(), MAX_WRITE as u64));
        }
        let joined = self.join(rel)?;
        let (Some(parent), Some(name)) = (joined.parent(), joined.file_name()) else {
            return Err(FilesError::NotAFile(rel.to_owned()));
        };
        let parent_rel = self.relative(parent);
        let parent = self.existing(if parent_rel.is_empty() {
            "."
        } else {
            &parent_rel
        })?;
        if !parent.is_dir() {
            return Err(FilesError::NotADirectory(parent_rel));
        }
        let target = parent.join(name);
        match fs::symlink_metadata(&target) {
            Ok(meta) if meta.is_symlink() => return Err(FilesError::Outside(rel.to_owned())),
            Ok(meta) if meta.is_dir() => return Err(FilesError::NotAFile(rel.to_owned())),
            _ => {}
        }
        fs::write(&target, content).map_err(|e| FilesError::Io(rel.to_owned(), e))?;
        Ok(content.len() as u64)
    }

    /// File names and text lines containing `query` (case-insensitive), under `rel`. Bounded:
    /// it stops after a number of entries or results, and skips large and binary files.
    pub fn search(&self, query: &str, rel: &str) -> Result<Vec<Match>, FilesError> {
        let start = self.existing(rel)?;
        let needle = query.to_lowercase();
        let mut found = Vec::new();
        let mut pending = vec![start];
        let mut seen = 0;
        while let Some(dir) = pending.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                seen += 1;
                if seen > SEARCH_MAX_ENTRIES || found.len() >= SEARCH_MAX_RESULTS {
                    return Ok(found);
                }
                // Symlinks are not followed: they could lead out of the root.
                let Ok(meta) = entry.path().symlink_metadata() else {
                    continue;
                };
                let path = entry.path();
                let shown = self.relative(&path);
                if entry
                    .file_name()
                    .to_string_lossy()
                    .to_lowercase()
                    .contains(&needle)
                {
                    found.push(Match {
                        path: shown.clone(),
                        line: None,
                        text: None,
                    });
                }
                if meta.is_dir() {
                    pending.push(path);
                } else if meta.is_file() && meta.len() <= SEARCH_MAX_FILE {
                    let Some(content) = fs::read(&path).ok().and_then(text) else {
                        continue;
                    };
                    for (i, line) in content.lines().enumerate() {
                        if found.len() >= SEARCH_MAX_RESULTS {
                            break;
                        }
                        if line.to_lowercase().contains(&needle) {
                            found.push(Match {
                                path: shown.clone(),
                                line: Some(i + 1),
                                text: Some(line.chars().take(200).collect()),
                            });
                        }
                    }
                }
            }
        }
        Ok(found)
    }
}

/// Text when the bytes are UTF-8 without NULs (a NUL is the usual mark of a binary file).
fn text(bytes: Vec<u8>) -> Option<String> {
    if bytes.contains(&0) {
        return None;
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Files) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        fs::create_dir_all(root.join("notes")).unwrap();
        fs::write(root.join("notes/todo.md"), "buy milk\nCall Bob\n").unwrap();
        fs::write(dir.path().join("secret.txt"), "outside").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("escape")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("updir")).unwrap();
        let files = Files::open(&root).unwrap();
        (dir, files)
    }

    #[test]
    fn paths_outside_the_root_are_refused() {
        let (_dir, files) = setup();
        for bad in [
            "../secret.txt",
            "/etc/passwd",
            "notes/../../secret.txt",
            "escape",
            "updir/secret.txt",
        ] {
            assert!(
                matches!(files.read(bad), Err(FilesError::Outside(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            files.write("escape", "x"),
            Err(FilesError::Outside(_))
        ));
        assert!(matches!(
            files.write("updir/new.txt", "x"),
            Err(FilesError::Outside(_))
        ));
        assert!(matches!(files.list(".."), Err(FilesError::Outside(_))));
        assert_eq!(
            fs::read_to_string(_dir.path().join("secret.txt")).unwrap(),
            "outside"
        );
    }

    #[test]
    fn files_are_listed_read_searched_and_written_inside() {
        let (_dir, files) = setup();
        let names: Vec<String> = files
            .list(".")
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["escape", "notes", "updir"]);
        assert_eq!(files.read("notes/todo.md").unwrap(), "buy milk\nCall Bob\n");
        let hits = files.search("bob", ".").unwrap();
        assert_eq!(
            (hits[0].path.as_str(), hits[0].line),
            ("notes/todo.md", Some(2))
        );
        assert!(
            files.search("secret", ".").unwrap().is_empty(),
            "symlinks are not followed"
        );
        files.write("notes/new.txt", "hello").unwrap();
        assert_eq!(files.read("./notes/new.txt").unwrap(), "hello");
        assert!(matches!(
            files.write("missing/dir/x.txt", "x"),
            Err(FilesError::NotFound(_))
        ));
        fs::write(files.root.join("bin"), [0u8, 159, 146, 150]).unwrap();
        assert!(matches!(files.read("bin"), Err(FilesError::Binary(_))));
    }
}
