//! A [`Scenario`]: everything that determines what the page shows — model, parameters,
//! stimulus, run length, seed and view options — and its codecs. URL state ([`link`]), JSON
//! export ([`json`]), the page's controls and the CLI all go through one table of keys
//! ([`schema`]), so they share one set of keys and units.
//!
//! Inside, lowest first: [`kind`] and [`view`] (which model, what the analysis view shows),
//! [`defaults`] (the struct), [`models`] (the model registry: a row per model, its defaults), [`limits`] (how much work a request may
//! ask for), [`schema`] (what a key is) and [`table`] (the rows), [`link`] and [`json`],
//! [`build`] (the typed inputs of the models below), [`runs`] (any network), [`describe`]
//! (the scenario in sentences), [`presets`] (the documented examples), [`lessons`] (examples told in checked steps).

pub mod build;
pub mod defaults;
pub mod describe;
pub mod json;
pub mod kind;
pub mod lesson_link;
pub mod lessons;
pub mod limits;
pub mod link;
pub mod models;
pub mod presets;
pub mod runs;
pub mod schema;
pub mod table;
pub mod view;

pub use defaults::Scenario;
pub use json::{apply_json, describe, to_json};
pub use kind::ModelKind;
pub use lesson_link::{apply_link, to_link};
pub use link::{
    apply_query, diff_query, query_pair, query_value, to_query, to_query_against, CONTROLS_KEY,
    EMBED_KEY, LINK_VERSION, PAGE_KEYS, PIN_KEY,
};
pub use models::{ModelInfo, MODELS, REFIT};
pub use runs::Network;
pub use schema::{Domain, Notice, OutOfRange, ParamSpec, G_ANALYSIS, G_LESSON, MAX_SEED};
pub use table::{groups_for, label_with_population, pairs, scan_label, set, spec, specs};
pub use view::{linspace, AnalysisKind, AnalysisSpec};
