//! The one number formatter of the product: links, messages, exported scripts and readouts
//! write numbers through it, so a number reads the same everywhere and reads back exactly.

/// Formats a number the shortest way that reads back exactly.
#[must_use]
pub fn format_number(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() < 1e-6 || v.abs() >= 1e15 {
        format!("{v:e}") // shortest digits that read back; never hundreds of zeros
    } else {
        format!("{v}")
    }
}
