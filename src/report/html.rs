//! A small builder of self-contained HTML pages: inline CSS, inline SVG, no scripts and nothing
//! fetched. The markup is also well-formed XML (every element closed, only `&amp;`, `&lt;`,
//! `&gt;` and `&quot;` as entities), so a test can parse it strictly.

use std::fmt::Write;

use super::words::Lang;

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a;
       max-width: 820px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
.sub { color: #555; margin-top: 0; }
.headline { font-size: 1.2em; font-weight: 600; background: #eef4fa; border-left: 5px solid #08306b;
            padding: 0.7em 1em; }
.warning { background: #fff4e0; border-left: 5px solid #e08a00; padding: 0.5em 1em; }
figure { margin: 1.2em 0; }
figcaption { font-weight: 600; margin-bottom: 0.3em; }
svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #ddd; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
.note { color: #555; font-size: 0.9em; }
summary { cursor: pointer; color: #08306b; margin: 0.8em 0; }
";

/// Escape text for HTML/XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A cell of a [`Page::table`]: text, or a number aligned right.
pub enum Cell {
    /// Left-aligned text.
    Text(String),
    /// Right-aligned, already formatted number.
    Num(String),
}

/// A page under construction.
pub struct Page {
    body: String,
    lang: Lang,
    title: String,
}

impl Page {
    /// An empty page titled `title`.
    pub fn new(lang: Lang, title: &str) -> Page {
        Page {
            body: format!("<h1>{}</h1>\n", escape(title)),
            lang,
            title: title.to_string(),
        }
    }

    /// A section heading with an anchor `id`.
    pub fn h2(&mut self, id: &str, text: &str) -> &mut Page {
        let _ = writeln!(self.body, "<h2 id=\"{}\">{}</h2>", escape(id), escape(text));
        self
    }

    /// A paragraph of text with CSS class `class` (may be empty).
    pub fn p(&mut self, class: &str, text: &str) -> &mut Page {
        let _ = writeln!(
            self.body,
            "<p class=\"{}\">{}</p>",
            escape(class),
            escape(text)
        );
        self
    }

    /// A chart: an SVG from plotters with a caption, in `<figure id=…>`; the SVG is labelled
    /// with the caption for screen readers.
    pub fn figure(&mut self, id: &str, caption: &str, svg: &str) -> &mut Page {
        let labelled = svg.replacen(
            "<svg ",
            &format!("<svg role=\"img\" aria-label=\"{}\" ", escape(caption)),
            1,
        );
        let _ = writeln!(
            self.body,
            "<figure id=\"{}\" class=\"chart\">\n<figcaption>{}</figcaption>\n{}</figure>",
            escape(id),
            escape(caption),
            labelled.trim_end()
        );
        self
    }

    /// A table with a header row.
    pub fn table(&mut self, id: &str, header: &[(&str, bool)], rows: &[Vec<Cell>]) -> &mut Page {
        let _ = write!(self.body, "<table id=\"{}\">\n<tr>", escape(id));
        for (h, num) in header {
            let class = if *num { " class=\"num\"" } else { "" };
            let _ = write!(self.body, "<th{class}>{}</th>", escape(h));
        }
        self.body.push_str("</tr>\n");
        for row in rows {
            self.body.push_str("<tr>");
            for cell in row {
                let _ = match cell {
                    Cell::Text(t) => write!(self.body, "<td>{}</td>", escape(t)),
                    Cell::Num(t) => write!(self.body, "<td class=\"num\">{}</td>", escape(t)),
                };
            }
            self.body.push_str("</tr>\n");
        }
        self.body.push_str("</table>\n");
        self
    }

    /// Preformatted text folded under a summary line (opens with a click, no script).
    pub fn details(&mut self, summary: &str, text: &str) -> &mut Page {
        let _ = writeln!(
            self.body,
            "<details>\n<summary>{}</summary>\n<pre>{}</pre>\n</details>",
            escape(summary),
            escape(text.trim_end())
        );
        self
    }

    /// The whole document.
    pub fn finish(&self) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
            self.lang.code(),
            escape(&self.title),
            self.body
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("a < b & \"c\" > d"),
            "a &lt; b &amp; &quot;c&quot; &gt; d"
        );
        assert_eq!(escape("Førtidspension"), "Førtidspension");
    }
}
