//! How languages count and write numbers, for the engine's words
//! ([`dw_engine::words::Rules`]), which carry no locale data of their
//! own.
//!
//! In WebAssembly (the widget and the tools' wasm) the browser knows every
//! language: `Intl.PluralRules` and `Intl.NumberFormat`, through js-sys, at
//! no cost in bytes. Natively (the command line, prerendering, tests) the
//! CLDR plural rules come from ICU4X's `icu_plurals`, and numbers are
//! written with ASCII digits, as the browser writes them for the widget's
//! languages.

use dw_engine::words::{Plural, Rules};

#[cfg(not(target_arch = "wasm32"))]
pub mod languages;

/// The rules of the environment: the browser's in WebAssembly, CLDR's
/// natively.
pub const RULES: Rules = Rules {
    plural: imp::plural,
    number: imp::number,
};

/// The CLDR category named `name` (`"one"`, `"few"`, …); `other` for any
/// other name.
#[cfg(target_arch = "wasm32")]
fn category(name: &str) -> Plural {
    Plural::ALL
        .into_iter()
        .find(|p| p.name() == name)
        .unwrap_or(Plural::Other)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{Array, Intl, Object};
    use wasm_bindgen::JsValue;

    use super::Plural;

    fn locales(lang: &str) -> Array {
        Array::of1(&JsValue::from_str(lang))
    }

    /// `Intl.PluralRules(lang).select(n)`; English's rule if the browser
    /// does not know `lang`.
    pub fn plural(lang: &str, n: u32) -> Plural {
        let rules = Intl::PluralRules::new(&locales(lang), &Object::new());
        super::category(&String::from(rules.select(f64::from(n))))
    }

    /// `Intl.NumberFormat(lang).format(n)`.
    pub fn number(lang: &str, n: u32) -> String {
        let format = Intl::NumberFormat::new(&locales(lang), &Object::new()).format();
        format
            .call1(&JsValue::UNDEFINED, &JsValue::from(n))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| n.to_string())
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use icu_locale_core::Locale;
    use icu_plurals::{PluralCategory, PluralRules};

    use super::Plural;

    /// The CLDR cardinal rule of `lang` (its language part, when ICU4X has
    /// no data for the whole tag); English's for a tag it cannot read.
    pub fn plural(lang: &str, n: u32) -> Plural {
        let locale = lang
            .parse::<Locale>()
            .or_else(|_| lang.split('-').next().unwrap_or_default().parse::<Locale>())
            .unwrap_or(icu_locale_core::locale!("en"));
        let Ok(rules) = PluralRules::try_new(locale.into(), Default::default()) else {
            return if n == 1 { Plural::One } else { Plural::Other };
        };
        match rules.category_for(n) {
            PluralCategory::Zero => Plural::Zero,
            PluralCategory::One => Plural::One,
            PluralCategory::Two => Plural::Two,
            PluralCategory::Few => Plural::Few,
            PluralCategory::Many => Plural::Many,
            PluralCategory::Other => Plural::Other,
        }
    }

    /// `n` in ASCII digits, without grouping: how the browser writes the
    /// small numbers the widget shows in each of its languages.
    pub fn number(_: &str, n: u32) -> String {
        n.to_string()
    }
}
