//! The report's bridge: from the case's published figure to kohort's headline, as a waterfall
//! and a table saying what each bar includes.

use super::html::{Cell, Page};
use super::words::{Lang, mio, mio_range};
use crate::bridge::Bridge;
use crate::model::Model;
use crate::words::bridge as words;

/// The section of `b`.
pub fn section(page: &mut Page, lang: Lang, model: &Model, b: &Bridge) -> Result<(), String> {
    page.h2(
        "bridge",
        lang.pick(
            "Fra sagens eget tal til kohorts",
            "From the case's own figure to kohort's",
        ),
    );
    page.p(
        "",
        lang.pick(
            "Ét modeltrin ad gangen, hvert trin på de samme borgere og tilfældige tal; trinnene lægges til sagens egen regning og giver præcis kohorts resultat. Rækkefølgen følger regnearket: først hvad sagen talte (borgere, sammenligningsgrundlag), så hvad det kostede, så reglerne pengene flytter efter, så effekten og til sidst tiden.",
            "One model change at a time, each step on the same citizens and random numbers; the steps add to the case's own arithmetic and give exactly kohort's result. The order follows the spreadsheet: first what the case counted (citizens, counterfactual), then what it cost, then the rules money moves by, then the effect, and last time.",
        ),
    );
    page.p("implied", &words::implied(lang, b));
    let caption = lang.pick(
        "Broen fra sagens tal til kohorts: grå er sagens publicerede tal, blå sagens egen regning, grøn et trin der øger og rød et der mindsker besparelsen, mørkeblå kohorts resultat",
        "The bridge from the case's figure to kohort's: grey is the case's published figure, blue its own arithmetic, green a step that raises and red one that lowers the saving, dark blue kohort's result",
    );
    page.figure("bridge-chart", caption, &super::charts::waterfall(lang, b)?);
    let cells: Vec<Vec<Cell>> = b
        .bars()
        .into_iter()
        .map(|v| {
            let (bar, mean, band) = (v.bar, v.mean, v.interval);
            vec![
                Cell::Text(words::label(lang, bar).to_string()),
                Cell::Num(mio(mean)),
                Cell::Num(band.map_or(String::new(), |(lo, hi)| mio_range(lang, lo, hi))),
                Cell::Text(words::includes(lang, model, b, bar)),
            ]
        })
        .collect();
    let header = [
        (lang.pick("trin", "step"), false),
        ("mio. kr.", true),
        (lang.pick("90 %-interval", "90 % interval"), true),
        (lang.pick("hvad det omfatter", "what it includes"), false),
    ];
    page.table("bridge-table", &header, &cells);
    Ok(())
}
