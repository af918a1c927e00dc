//! Who pays: the perspectives every money figure is reported from. What each one counts is
//! computed in [`crate::economics`]; here are their names and what they mean in words.

/// A perspective on the public purse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Perspective {
    /// Forsørgelse, as published investment cases count it: benefits net of refusion, staff,
    /// interventions and one-off costs; no tax.
    Forsoergelse,
    /// The municipality, keeping all of its kommuneskat.
    Kommune,
    /// The municipality after udligning, keeping κ of a change in kommuneskat.
    KommuneEfterUdligning,
    /// The state: refusion and SU paid, less AM-bidrag, bundskat and sundhedsbidrag.
    Stat,
    /// Municipality and state together.
    OffentligeFinanser,
}

impl Perspective {
    /// All, in report order: from benefits alone to the public finances as a whole.
    pub const ALL: [Perspective; 5] = [
        Perspective::Forsoergelse,
        Perspective::Kommune,
        Perspective::KommuneEfterUdligning,
        Perspective::Stat,
        Perspective::OffentligeFinanser,
    ];

    /// The default headline: what stays in the municipal budget.
    pub const HEADLINE: Perspective = Perspective::KommuneEfterUdligning;

    /// The id in scenario files, CSV files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Perspective::Forsoergelse => "forsoergelse",
            Perspective::Kommune => "kommune",
            Perspective::KommuneEfterUdligning => "kommune_efter_udligning",
            Perspective::Stat => "stat",
            Perspective::OffentligeFinanser => "offentlige_finanser",
        }
    }

    /// The perspective with id `id`.
    /// Danish letters are accepted as the ids spell them (`forsørgelse` for `forsoergelse`).
    pub fn from_id(id: &str) -> Option<Perspective> {
        let id = id.replace('ø', "oe").replace('æ', "ae").replace('å', "aa");
        Perspective::ALL.into_iter().find(|p| p.id() == id)
    }

    /// Every id, for messages: `forsoergelse, kommune, …`.
    pub fn ids() -> String {
        Perspective::ALL.map(|p| p.id()).join(", ")
    }

    /// A label for tables and sheet headers, Danish (`da`) or English.
    pub fn label(self, da: bool) -> &'static str {
        match (self, da) {
            (Perspective::Forsoergelse, true) => "kun forsørgelse",
            (Perspective::Forsoergelse, false) => "forsørgelse only",
            (Perspective::Kommune, true) => "kommunen før udligning",
            (Perspective::Kommune, false) => "municipality before udligning",
            (Perspective::KommuneEfterUdligning, true) => "kommunen efter udligning",
            (Perspective::KommuneEfterUdligning, false) => "municipality after udligning",
            (Perspective::Stat, true) => "staten",
            (Perspective::Stat, false) => "the state",
            (Perspective::OffentligeFinanser, true) => "de offentlige finanser",
            (Perspective::OffentligeFinanser, false) => "the public finances",
        }
    }

    /// What the perspective counts, in one sentence (English).
    pub fn counts(self) -> &'static str {
        match self {
            Perspective::Forsoergelse => {
                "benefits net of refusion, staff, interventions and one-off costs; no tax (the basis of published investment cases)"
            }
            Perspective::Kommune => {
                "as forsoergelse, less the kommuneskat the citizens pay on wages and transfers, all of it kept"
            }
            Perspective::KommuneEfterUdligning => {
                "as kommune, but the municipality keeps only the udligning share of a change in kommuneskat"
            }
            Perspective::Stat => {
                "refusion and SU the state pays, less the AM-bidrag, bundskat and sundhedsbidrag it receives"
            }
            Perspective::OffentligeFinanser => "kommune and stat together",
        }
    }
}
