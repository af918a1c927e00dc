//! `extends = "base.toml"`: a scenario overrides only what differs from its base.
//!
//! Tables merge key by key, recursively: a key in the scenario replaces the base's value, a
//! table in both is merged, a key only in the base is kept. Share tables are the exception and
//! replace the base's whole (`initial`, `prior_months`): their entries must sum to 1 together;
//! so does a distribution (`{ dist = … }`), whose keys belong together.
//! The path in `extends` is relative to the file that says it; a base may extend another.
//! Values keep their spans (see [`crate::source`]), so errors name the file they are in.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Error, Result};
use crate::source::Source;
use crate::textfile;

/// Keys whose tables replace rather than merge.
const WHOLE: [&str; 2] = ["initial", "prior_months"];

/// The longest `extends` chain allowed (a guard against runaway chains; cycles are found by
/// path).
const MAX_DEPTH: usize = 32;

/// Read `path` and its bases into `src` (scenario first); returns their paths.
pub fn read_chain(path: &Path) -> Result<(Source, Vec<PathBuf>)> {
    let text = textfile::read(path).map_err(|e| Error::io(path, "cannot read scenario", e))?;
    chain_from(path, text)
}

/// As [`read_chain`], with the scenario's own text given rather than read from `path`.
pub fn chain_from(path: &Path, text: String) -> Result<(Source, Vec<PathBuf>)> {
    let mut src = Source::single(&path.display().to_string(), &text);
    let mut paths = vec![path.to_path_buf()];
    loop {
        let k = src.files.len() - 1;
        let padded = src.files[k].padded();
        let table = parse(&src, &padded)?;
        let Some(ext) = table.get_ref().get("extends") else {
            break;
        };
        let Some(rel) = ext.get_ref().as_str() else {
            return Err(src.error(ext.span(), "extends must be a file name in quotes"));
        };
        let base = paths[k].parent().unwrap_or(Path::new(".")).join(rel);
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        if paths.iter().any(|p| canonical(p) == canonical(&base)) {
            return Err(src.error(ext.span(), format!("extends `{rel}` makes a cycle")));
        }
        if paths.len() > MAX_DEPTH {
            return Err(src.error(
                ext.span(),
                format!("extends `{rel}`: a chain of more than {MAX_DEPTH} files; fold some bases together"),
            ));
        }
        let text = textfile::read(&base).map_err(|e| {
            src.error(
                ext.span(),
                format!("cannot read `{rel}` (looked for {}; a path in `extends` is relative to the file that names it): {e}", base.display()),
            )
        })?;
        src.push(base.display().to_string(), text);
        paths.push(base);
    }
    Ok((src, paths))
}

/// Parse one padded file, with errors located in it.
pub fn parse<'a>(src: &Source, padded: &'a str) -> Result<Spanned<DeTable<'a>>> {
    DeTable::parse(padded).map_err(|e| {
        let mut message = e.message().trim().replace('\n', "; ");
        match e.span() {
            Some(span) => {
                if let Some(hint) = danish_hint(src.line_of(span.clone())) {
                    message = format!("{message} — {hint}");
                }
                src.error(span, message)
            }
            None => src.error_file(message),
        }
    })
}

/// Merge the files' tables: `tables[0]` is the scenario, later ones its bases.
pub fn merge<'a>(mut tables: Vec<Spanned<DeTable<'a>>>) -> Spanned<DeTable<'a>> {
    let mut merged = tables.pop().expect("at least the scenario");
    while let Some(over) = tables.pop() {
        let span = over.span();
        let mut base = merged.into_inner();
        merge_into(&mut base, over.into_inner());
        merged = Spanned::new(span, base);
    }
    let span = merged.span();
    let mut table = merged.into_inner();
    table.remove("extends");
    Spanned::new(span, table)
}

fn merge_into<'a>(base: &mut DeTable<'a>, over: DeTable<'a>) {
    for (key, value) in over {
        // A distribution (`{ dist = … }`) replaces whatever stood there whole: its keys
        // belong together.
        let is_dist = matches!(value.get_ref(), DeValue::Table(t) if t.contains_key("dist"));
        let whole = is_dist || WHOLE.contains(&key.get_ref().as_ref());
        match (base.get_mut(key.get_ref().as_ref()), value.get_ref()) {
            (Some(old), DeValue::Table(_)) if !whole && old.get_ref().is_table() => {
                let span = value.span();
                let DeValue::Table(new) = value.into_inner() else {
                    unreachable!()
                };
                let mut inner = std::mem::replace(old, Spanned::new(0..0, DeValue::Boolean(false)))
                    .into_inner();
                if let DeValue::Table(t) = &mut inner {
                    merge_into(t, new);
                }
                *old = Spanned::new(span, inner);
            }
            (Some(old), _) => *old = value,
            (None, _) => {
                base.insert(key, value);
            }
        }
    }
}

/// Advice for the two slips a Danish habit makes in TOML: a decimal comma (`job = 0,010`) and
/// an unquoted id with æ, ø or å (`[transitions.kontanthjælp]`).
fn danish_hint(line: &str) -> Option<String> {
    let code = line.split('#').next().unwrap_or(line).trim();
    let ascii = |t: &str| {
        t.replace('æ', "ae")
            .replace('ø', "oe")
            .replace('å', "aa")
            .replace('Æ', "Ae")
            .replace('Ø', "Oe")
            .replace('Å', "Aa")
    };
    if code.starts_with('[') && !code.is_ascii() {
        return Some(format!(
            "quote ids with æ/ø/å or use ascii: {}",
            ascii(code).trim_matches(|c| c == '[' || c == ']')
        ));
    }
    // An id with æ, ø or å as a key outside quotes: `initial = { kontanthjælp = 1.0 }`.
    let unquoted: String = code.split('"').step_by(2).collect();
    if !unquoted.is_ascii() {
        return Some(format!("ids are ascii: {}", ascii(code)));
    }
    let (_, value) = code.split_once('=')?;
    let b = value.trim().as_bytes();
    let decimal_comma = (1..b.len().saturating_sub(1))
        .any(|i| b[i] == b',' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit());
    if !decimal_comma {
        return None;
    }
    let number: String = value
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '-')
        .collect();
    Some(format!("use a decimal point: {}", number.replace(',', ".")))
}

#[cfg(test)]
mod hints {
    #[test]
    fn danish_habits_get_advice() {
        assert_eq!(
            super::danish_hint("job = 0,010   # pr. måned").as_deref(),
            Some("use a decimal point: 0.010")
        );
        assert_eq!(
            super::danish_hint("[transitions.kontanthjælp]").as_deref(),
            Some("quote ids with æ/ø/å or use ascii: transitions.kontanthjaelp")
        );
        assert_eq!(
            super::danish_hint("initial = { kontanthjælp = 1.0 }").as_deref(),
            Some("ids are ascii: initial = { kontanthjaelp = 1.0 }")
        );
        assert_eq!(super::danish_hint("job = [1, 2]"), None);
        assert_eq!(super::danish_hint("label = \"Førtidspension\""), None);
    }
}
