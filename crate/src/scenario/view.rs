//! What the page's analysis view shows and over which range: the settings behind the
//! `analysis`, `scan_*`, `map_*`, `fr_*` and `bif_*` keys. The analyses themselves are computed in
//! [`crate::analysis`] from these settings.

/// Which analysis the page shows (the `analysis` key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalysisKind {
    /// F(ν_e) against the bisector (Fig 5B).
    FixedPoints,
    /// Fixed points against one parameter (Fig 2).
    Scan,
    /// Self-sustained activity over two parameters (Fig 5A).
    Map,
    /// Response amplitude against input frequency (Fig 3D).
    Freq,
    /// Equilibria, Hopf points and cycles against one parameter, with the network's rates.
    Bifurcation,
    /// Curves of folds and Hopf points in the plane of two parameters.
    TwoParam,
    /// The run in the (r, v) plane with the equilibria and, for planar models, nullclines.
    PhasePlane,
}

impl AnalysisKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 7] = [
        Self::FixedPoints,
        Self::Scan,
        Self::Map,
        Self::Freq,
        Self::Bifurcation,
        Self::TwoParam,
        Self::PhasePlane,
    ];

    /// The kinds a model has, in menu order (its row's `analyses`).
    #[must_use]
    pub fn for_model(model: super::ModelKind) -> &'static [Self] {
        model.info().analyses
    }

    /// Name in links, JSON and the CLI.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::FixedPoints => "fixed_points",
            Self::Scan => "scan",
            Self::Map => "bistability",
            Self::Freq => "freq_response",
            Self::Bifurcation => "bifurcation",
            Self::TwoParam => "two_parameter",
            Self::PhasePlane => "phase_plane",
        }
    }

    /// Menu text.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::FixedPoints => "Fixed points: F(ν_e) and the bisector (Fig 5B)",
            Self::Scan => "Parameter scan of the fixed points (Fig 2)",
            Self::Map => "Bistability map over two parameters (Fig 5A)",
            Self::Freq => "Frequency response (Fig 3D)",
            Self::Bifurcation => "Bifurcation diagram against one parameter, with the network",
            Self::TwoParam => "Two-parameter diagram: curves of folds and Hopf points",
            Self::PhasePlane => {
                "Phase plane: the run in (r, v) or (ν_e, ν_i), its equilibria, nullclines"
            }
        }
    }

    /// Parses [`AnalysisKind::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The settings keys this kind uses (the page hides the others).
    #[must_use]
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Self::FixedPoints => &[],
            Self::Scan => &["scan_x", "scan_min", "scan_max", "scan_n"],
            Self::Map => &[
                "map_x",
                "map_x_min",
                "map_x_max",
                "map_y",
                "map_y_min",
                "map_y_max",
                "map_n",
            ],
            Self::Freq => &["fr_min", "fr_max", "fr_n", "fr_amp"],
            Self::Bifurcation => &["bif_x", "bif_min", "bif_max", "bif_net"],
            Self::TwoParam => &[
                "bif_x", "bif_min", "bif_max", "bif_y", "bif_ymin", "bif_ymax",
            ],
            Self::PhasePlane => &[],
        }
    }
}

/// The analysis settings of a scenario (schema keys `analysis`, `scan_*`, `map_*`, `fr_*`).
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisSpec {
    /// Which analysis is shown.
    pub kind: AnalysisKind,
    /// Scanned parameter (a numeric schema key).
    pub scan_x: String,
    /// Scan range, in the parameter's unit.
    pub scan_min: f64,
    /// Scan range end.
    pub scan_max: f64,
    /// Values in the scan.
    pub scan_n: f64,
    /// The map's horizontal parameter.
    pub map_x: String,
    /// Its range.
    pub map_x_min: f64,
    /// Its range end.
    pub map_x_max: f64,
    /// The map's vertical parameter.
    pub map_y: String,
    /// Its range.
    pub map_y_min: f64,
    /// Its range end.
    pub map_y_max: f64,
    /// Grid points per axis.
    pub map_n: f64,
    /// Lowest input frequency [Hz].
    pub fr_min_hz: f64,
    /// Highest input frequency [Hz].
    pub fr_max_hz: f64,
    /// Frequencies (log-spaced).
    pub fr_n: f64,
    /// Sinusoid amplitude per external synapse [Hz].
    pub fr_amp_hz: f64,
    /// The bifurcation diagram's parameter (a numeric key of the mean field).
    pub bif_x: String,
    /// Its range, in the parameter's unit.
    pub bif_min: f64,
    /// Its range end.
    pub bif_max: f64,
    /// Values along the range at which the spiking network is run (0: none).
    pub bif_net: f64,
    /// The two-parameter diagram's second (vertical) parameter.
    pub bif_y: String,
    /// Its range, in its unit.
    pub bif_ymin: f64,
    /// Its range end.
    pub bif_ymax: f64,
}

impl Default for AnalysisSpec {
    /// di Volo et al. 2019: b from 0 to 100 pA (Fig 2), E_L of RS and FS from −70 to −60 mV
    /// (Fig 5A), input frequencies 0.1–100 Hz (Fig 3D); the bifurcation diagram against b over
    /// Fig 2's range, the two-parameter one against b and the drive ν_drive (0 to 10 Hz).
    fn default() -> Self {
        Self {
            kind: AnalysisKind::FixedPoints,
            scan_x: "b_e".into(),
            scan_min: 0.0,
            scan_max: 100.0,
            scan_n: 21.0,
            map_x: "el_e".into(),
            map_x_min: -70.0,
            map_x_max: -60.0,
            map_y: "el_i".into(),
            map_y_min: -70.0,
            map_y_max: -60.0,
            map_n: 21.0,
            fr_min_hz: 0.1,
            fr_max_hz: 100.0,
            fr_n: 16.0,
            fr_amp_hz: 0.5,
            bif_x: "b_e".into(),
            bif_min: 0.0,
            bif_max: 100.0,
            bif_net: 8.0,
            bif_y: "nu_drive".into(),
            bif_ymin: 0.0,
            bif_ymax: 10.0,
        }
    }
}

impl AnalysisSpec {
    /// The Izhikevich model's defaults: scan the E cells' jump d, map their E_iz; the diagrams
    /// against d (0 to 60 pA) and the drive ν_drive (0 to 20 Hz).
    #[must_use]
    pub fn izhikevich() -> Self {
        Self {
            scan_x: "izh_d_e".into(),
            scan_max: 60.0,
            map_x: "izh_eiz_e".into(),
            map_y: "izh_eiz_i".into(),
            bif_x: "izh_d_e".into(),
            bif_max: 60.0,
            bif_y: "nu_drive".into(),
            bif_ymax: 20.0,
            ..Self::default()
        }
    }

    /// An exact family's defaults: the bifurcation diagram of `key` over `x`, and the
    /// two-parameter diagram with `key2` over `y`.
    #[must_use]
    pub fn diagram(key: &str, x: (f64, f64), key2: &str, y: (f64, f64)) -> Self {
        Self {
            kind: AnalysisKind::Bifurcation,
            bif_x: key.into(),
            bif_min: x.0,
            bif_max: x.1,
            bif_y: key2.into(),
            bif_ymin: y.0,
            bif_ymax: y.1,
            ..Self::default()
        }
    }

    /// How many values along the diagram's range the network is run at (`bif_net`).
    #[must_use]
    pub fn network_count(&self) -> usize {
        self.bif_net.round().max(0.0) as usize
    }

    /// The settings of the shown kind only, as text (for cache keys: the other kinds'
    /// settings do not change what is computed).
    #[must_use]
    pub fn key(&self) -> String {
        match self.kind {
            AnalysisKind::FixedPoints => "fixed_points".into(),
            AnalysisKind::Scan => format!(
                "scan {} {:?} {:?} {:?}",
                self.scan_x, self.scan_min, self.scan_max, self.scan_n
            ),
            AnalysisKind::Map => format!(
                "map {} {:?} {:?} {} {:?} {:?} {:?}",
                self.map_x,
                self.map_x_min,
                self.map_x_max,
                self.map_y,
                self.map_y_min,
                self.map_y_max,
                self.map_n
            ),
            AnalysisKind::Freq => format!(
                "freq {:?} {:?} {:?} {:?}",
                self.fr_min_hz, self.fr_max_hz, self.fr_n, self.fr_amp_hz
            ),
            AnalysisKind::Bifurcation => format!(
                "bifurcation {} {:?} {:?} {:?}",
                self.bif_x, self.bif_min, self.bif_max, self.bif_net
            ),
            AnalysisKind::PhasePlane => format!(
                "phase_plane {} {:?} {:?}",
                self.bif_x, self.bif_min, self.bif_max
            ),
            AnalysisKind::TwoParam => format!(
                "two_parameter {} {:?} {:?} {} {:?} {:?}",
                self.bif_x, self.bif_min, self.bif_max, self.bif_y, self.bif_ymin, self.bif_ymax
            ),
        }
    }

    fn count(n: f64) -> usize {
        n.round().max(1.0) as usize
    }

    /// The scan's values.
    #[must_use]
    pub fn scan_values(&self) -> Vec<f64> {
        linspace(self.scan_min, self.scan_max, Self::count(self.scan_n))
    }

    /// The map's values along (x, y).
    #[must_use]
    pub fn map_values(&self) -> (Vec<f64>, Vec<f64>) {
        let n = Self::count(self.map_n);
        (
            linspace(self.map_x_min, self.map_x_max, n),
            linspace(self.map_y_min, self.map_y_max, n),
        )
    }

    /// The frequencies, log-spaced.
    #[must_use]
    pub fn frequencies(&self) -> Vec<f64> {
        let (lo, hi) = (self.fr_min_hz.ln(), self.fr_max_hz.ln());
        linspace(lo, hi, Self::count(self.fr_n))
            .into_iter()
            .map(f64::exp)
            .collect()
    }
}

/// `n` evenly spaced values from `a` to `b` (both included; `a` alone when `n` is 1).
#[must_use]
pub fn linspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    if n == 1 {
        return vec![a];
    }
    (0..n)
        .map(|k| a + (b - a) * k as f64 / (n - 1) as f64)
        .collect()
}
