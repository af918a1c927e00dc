//! `docs/cases.md` is generated: this test regenerates it from the shipped scenarios and fails
//! when the committed file differs. `KOHORT_BLESS=1 cargo test --release cases::` rewrites it.

use std::path::Path;

#[test]
fn docs_cases_md_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases = kohort::cases::all(&root.join("scenarios")).expect("the shipped scenarios run");
    assert_eq!(cases.len(), 6, "one section per seed case");
    let text = kohort::cases::markdown(&cases);
    let path = root.join("docs/cases.md");
    // Only `KOHORT_BLESS=1` rewrites it; any other value (`0`, empty) leaves the check alone.
    if std::env::var("KOHORT_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "docs/cases.md is out of date; regenerate with KOHORT_BLESS=1 cargo test --release cases::"
    );
}
