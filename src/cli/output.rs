//! Printing: tables for people, JSON for scripts. Data goes to stdout, notes to stderr.

use std::fmt::Display;
use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table as ComfyTable, presets};
use serde::Serialize;

/// A value that can be printed as a table row.
pub trait Table: Serialize {
    const HEADERS: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

#[derive(Debug, Clone, Copy)]
pub struct Output {
    json: bool,
    quiet: bool,
}

impl Output {
    pub fn new(json: bool, quiet: bool) -> Self {
        Output { json, quiet }
    }

    pub fn is_json(&self) -> bool {
        self.json
    }

    /// A listing: a JSON array, or a table with one row per item.
    pub fn list<T: Table>(&self, items: &[T]) -> io::Result<()> {
        if self.json {
            return self.json_value(&items);
        }
        let mut table = new_table();
        table.set_header(T::HEADERS);
        for item in items {
            table.add_row(item.cells());
        }
        writeln!(io::stdout().lock(), "{table}")
    }

    /// One item: a JSON object, or a two-column table of field and value.
    pub fn record<T: Table>(&self, item: &T) -> io::Result<()> {
        if self.json {
            return self.json_value(item);
        }
        let mut table = new_table();
        for (header, cell) in T::HEADERS.iter().zip(item.cells()) {
            table.add_row(vec![header.to_string(), cell]);
        }
        writeln!(io::stdout().lock(), "{table}")
    }

    /// Any value as pretty JSON on stdout.
    pub fn json_value<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        serde_json::to_writer_pretty(&mut stdout, value)?;
        writeln!(stdout)
    }

    /// One JSON object per line, flushed at once (for followers such as `audit tail -f`).
    pub fn json_line<T: Serialize>(&self, value: &T) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        serde_json::to_writer(&mut stdout, value)?;
        writeln!(stdout)?;
        stdout.flush()
    }

    /// A message for the person at the terminal, on stderr, unless `--quiet`.
    pub fn note(&self, message: impl Display) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }
}

fn new_table() -> ComfyTable {
    let mut table = ComfyTable::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table
}

/// An optional time for a table cell.
pub fn when(t: Option<crate::db::Timestamp>) -> String {
    t.map_or_else(|| "-".to_owned(), |t| t.to_string())
}
