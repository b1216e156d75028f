//! The numbers a person reads beside the plots, in words.

use crate::lorentz::{State, Var};
use crate::meanfield::AdexState;

/// Three significant digits, trailing zeros dropped, as the page always showed them
/// (1.49, 0.0123, 175); zero and non-finite values as Rust prints them.
#[must_use]
pub fn three_digits(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let d = (2 - v.abs().log10().floor() as i32).max(0) as usize;
    let t = format!("{v:.d$}");
    if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        t
    }
}

/// `v` to `digits` significant digits, trailing zeros dropped (JavaScript's
/// `Number(v.toPrecision(digits))`); "–" when it is not finite.
#[must_use]
pub fn significant(v: f64, digits: i32) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let p = digits - 1 - v.abs().log10().floor() as i32;
    if p < 0 {
        // Fewer significant digits than the integer part has: round to tens, hundreds, ….
        let unit = 10f64.powi(-p);
        return format!("{}", (v / unit).round() * unit);
    }
    let d = p as usize;
    let t = format!("{v:.d$}");
    if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        t
    }
}

/// The standard deviation a second-order run gives for variance `c` (0 in first order).
#[must_use]
pub fn sd(c: f64, second_order: bool) -> f64 {
    if second_order {
        c.max(0.0).sqrt()
    } else {
        0.0
    }
}

/// The conductance models' readout of the final state: "ν_e = 1.49 Hz (±0.3), ν_i = … Hz,
/// W_e = … pA"; the Izhikevich model tags E and I and names its adaptation u_e.
#[must_use]
pub fn conductance(last: &AdexState, second_order: bool, izhikevich: bool) -> String {
    let pm = |c: f64| {
        let v = sd(c, second_order);
        if v > 0.0 {
            format!(" (±{})", three_digits(v))
        } else {
            String::new()
        }
    };
    let (e, i, w) = if izhikevich {
        (" (E)", " (I)", "u_e")
    } else {
        ("", "", "W_e")
    };
    format!(
        "ν_e{e} = {} Hz{}, ν_i{i} = {} Hz{}, {w} = {} pA",
        three_digits(last.nu_e),
        pm(last.c_ee),
        three_digits(last.nu_i),
        pm(last.c_ii),
        three_digits(last.w_e)
    )
}

/// An exact family's readout of the final state: "r = … Hz, v = … mV" and its third variable
/// when it has one, with four decimals.
#[must_use]
pub fn lorentz(r_hz: f64, last: &State, vars: &[Var]) -> String {
    let mut readout = format!("r = {r_hz:.4} Hz, v = {:.4}", last[1]);
    if let Some(v) = vars.get(1).filter(|v| !v.unit.is_empty()) {
        readout.push_str(&format!(" {}", v.unit));
    }
    if let Some(var) = vars.get(2) {
        readout.push_str(&format!(", {} = {:.4}", var.label, last[2]));
        if !var.unit.is_empty() {
            readout.push_str(&format!(" {}", var.unit));
        }
    }
    readout
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_digits_keeps_three_significant_digits() {
        assert_eq!(three_digits(1.4912), "1.49");
        assert_eq!(three_digits(0.012_34), "0.0123");
        assert_eq!(three_digits(175.0), "175");
        assert_eq!(three_digits(2.0), "2");
        assert_eq!(three_digits(0.0), "0");
    }

    #[test]
    fn significant_matches_javascripts_to_precision() {
        assert_eq!(significant(1.23456, 4), "1.235");
        assert_eq!(significant(3.0, 4), "3");
        assert_eq!(significant(0.5, 2), "0.5");
        assert_eq!(significant(1234.5, 2), "1200");
        assert_eq!(significant(1234.56, 4), "1235");
        assert_eq!(significant(f64::NAN, 3), "–");
    }

    #[test]
    fn the_conductance_readout_tags_izhikevich_populations() {
        let s = AdexState {
            nu_e: 1.49,
            nu_i: 5.0,
            c_ee: 0.09,
            c_ei: 0.0,
            c_ii: 0.0,
            w_e: 60.0,
            w_i: 0.0,
        };
        assert_eq!(
            conductance(&s, true, false),
            "ν_e = 1.49 Hz (±0.3), ν_i = 5 Hz, W_e = 60 pA"
        );
        assert_eq!(
            conductance(&s, false, true),
            "ν_e (E) = 1.49 Hz, ν_i (I) = 5 Hz, u_e = 60 pA"
        );
    }
}
