//! Words every face shares, Danish and English: the language, amounts always written the
//! Danish way — `1.234.567 kr.`, `5,6 mio. kr.`, `97 %` — with a true minus sign (−), and the
//! words of the bridge and of the effect a case implies. The report, the files and the
//! terminal draw from here; nothing here knows a face.

pub mod bridge;
pub mod implied;

use crate::model::Model;

/// The report's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Danish.
    Da,
    /// English.
    En,
}

impl Lang {
    /// Danish when the scenario's labels are: when its name or any state or arm label has an
    /// æ, ø or å; English otherwise.
    pub fn of(model: &Model) -> Lang {
        let danish = |s: &str| s.chars().any(|c| "æøåÆØÅ".contains(c));
        let labels = std::iter::once(model.name.as_str())
            .chain(model.states.iter().map(|s| s.label.as_str()))
            .chain(model.arms.iter().map(|a| a.label.as_str()));
        if labels.into_iter().any(danish) {
            Lang::Da
        } else {
            Lang::En
        }
    }

    /// `da` or `en`, whichever is this language.
    pub fn pick<'a>(self, da: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    /// The HTML `lang` code.
    pub fn code(self) -> &'static str {
        self.pick("da", "en")
    }
}

/// `x` with `decimals` decimals, a decimal comma, thousands grouped by `.` and a minus sign
/// (U+2212) when negative: `decimal(-1234.5, 1)` is `−1.234,5`. Never `−0`.
pub fn decimal(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let zero = text.chars().all(|c| c == '0' || c == '.');
    let sign = if x < 0.0 && !zero { "−" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// Whole, or with one decimal when `x` is not whole: `30`, `37,5`.
pub fn short(x: f64) -> String {
    decimal(x, if x.fract() == 0.0 { 0 } else { 1 })
}

/// Whole kroner: `1.234.567 kr.`
pub fn kr(x: f64) -> String {
    format!("{} kr.", decimal(x, 0))
}

/// Millions of kroner with one decimal and no unit: `5,6`.
pub fn mio(x: f64) -> String {
    decimal(x / 1e6, 1)
}

/// Millions of kroner with one decimal: `5,6 mio. kr.`
pub fn mio_kr(x: f64) -> String {
    format!("{} mio. kr.", mio(x))
}

/// A probability as a whole percentage: `97 %`; never a rounded certainty: `> 99 %` and
/// `< 1 %` for what is almost but not quite 1 or 0.
pub fn pct(p: f64) -> String {
    match p {
        p if p > 0.995 && p < 1.0 => "> 99 %".to_string(),
        p if p > 0.0 && p < 0.005 => "< 1 %".to_string(),
        p => format!("{} %", decimal(100.0 * p, 0)),
    }
}

/// A range of millions: `2,1–9,0`; with words when it starts below zero, where a dash
/// would read as a second minus: `−1,2 til 9,0` / `−1,2 to 9,0`.
pub fn mio_range(lang: Lang, lo: f64, hi: f64) -> String {
    let (a, b) = (mio(lo), mio(hi));
    if a.starts_with('−') {
        format!("{a} {} {b}", lang.pick("til", "to"))
    } else {
        format!("{a}–{b}")
    }
}
