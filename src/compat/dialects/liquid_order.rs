//! The order of a mapping's entries in Liquid: its file's, as Jekyll's (Ruby's) hashes
//! keep it. `liquid-core` keeps an object's keys in a `HashMap`, in an order that changes
//! from run to run, and copies every value it assigns or loops over into one.
//!
//! So [`to_liquid`] records, for each set of keys a mapping of the
//! site's data or a page's front matter has, the order of the first mapping with that set
//! ([`KeyOrders`]); a render reads the page's, then the site's ([`Orders`], a register).
//! A loop over a mapping, `where`, `where_exp`, `jsonify` and an output `{{ map }}` take
//! its entries in that order ([`entries`]); a set of keys no file gave, in key order.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::Arc;

use liquid_core::error::ResultLiquidReplaceExt;
use liquid_core::model::{KString, KStringCow};
use liquid_core::runtime::Registers;
use liquid_core::{Object, ObjectView, Renderable, Runtime, Value, ValueView};

use crate::hash::{FNV_OFFSET, FastHashMap, fnv1a};

/// For each set of keys (by [`set_hash`]), the order of the first mapping that had it.
#[derive(Debug, Default)]
pub(crate) struct KeyOrders(FastHashMap<u64, Box<[KString]>>);

impl KeyOrders {
    /// Records `keys`, a mapping's keys in its order, unless its set has an order already.
    pub(super) fn record(&mut self, keys: Vec<KString>) {
        if keys.len() < 2 {
            return;
        }
        let mut sorted: Vec<&str> = keys.iter().map(KString::as_str).collect();
        sorted.sort_unstable();
        self.0.entry(set_hash(&sorted)).or_insert_with(|| keys.into_boxed_slice());
    }

    /// The recorded order of the keys `sorted` (sorted), if any.
    fn order_of(&self, sorted: &[&str]) -> Option<&[KString]> {
        let order = self.0.get(&set_hash(sorted))?;
        (order.len() == sorted.len()).then_some(&**order)
    }
}

/// A hash of a set of keys, given sorted: the same in every build.
fn set_hash(sorted: &[&str]) -> u64 {
    // 0xFF never occurs in UTF-8, so it separates the keys unambiguously.
    sorted.iter().fold(FNV_OFFSET, |hash, key| fnv1a(fnv1a(hash, key.as_bytes()), &[0xFF]))
}

/// The register of a render: the key orders it reads, the page's before the site's.
#[derive(Clone, Debug, Default)]
pub(super) struct Orders(pub(super) Vec<Arc<KeyOrders>>);

impl Orders {
    /// Makes these the orders of the render whose registers are `registers`.
    pub(super) fn install(&self, registers: &Registers) {
        *registers.get_mut::<Orders>() = self.clone();
    }
}

/// The entries of `object`, in the order its file gave them (see the module).
pub(super) fn entries<'o>(
    object: &'o dyn ObjectView,
    runtime: &dyn Runtime,
) -> Vec<(KStringCow<'o>, &'o dyn ValueView)> {
    let mut sorted: Vec<(KStringCow<'o>, &'o dyn ValueView)> = object.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    if sorted.len() < 2 {
        return sorted;
    }
    let keys: Vec<&str> = sorted.iter().map(|(k, _)| k.as_str()).collect();
    let orders = runtime.registers().get_mut::<Orders>();
    let Some(order) = orders.0.iter().find_map(|o| o.order_of(&keys)) else { return sorted };
    let mut ordered = Vec::with_capacity(sorted.len());
    for key in order {
        match keys.binary_search(&key.as_str()) {
            Ok(i) => ordered.push(sorted[i].clone()),
            // Another set with the same hash.
            Err(_) => return sorted,
        }
    }
    ordered
}

/// `value` as JSON, its mappings' entries in order ([`entries`]).
pub(super) fn to_json(value: &dyn ValueView, runtime: &dyn Runtime) -> serde_json::Value {
    if let Some(array) = value.as_array() {
        serde_json::Value::Array(array.values().map(|v| to_json(v, runtime)).collect())
    } else if let Some(object) = value.as_object() {
        let entries = entries(object, runtime).into_iter();
        serde_json::Value::Object(entries.map(|(k, v)| (k.to_string(), to_json(v, runtime))).collect())
    } else {
        serde_json::to_value(value.to_value()).unwrap_or_default()
    }
}

/// `value` as Liquid writes it (a list's items, a mapping's keys and values, one after
/// the other), its mappings' entries in order ([`entries`]).
fn write_rendered(value: &dyn ValueView, runtime: &dyn Runtime, out: &mut String) {
    use std::fmt::Write as _;
    if let Some(array) = value.as_array() {
        array.values().for_each(|v| write_rendered(v, runtime, out));
    } else if let Some(object) = value.as_object() {
        for (key, v) in entries(object, runtime) {
            out.push_str(&key);
            write_rendered(v, runtime, out);
        }
    } else {
        let _ = write!(out, "{}", value.render());
    }
}

/// An output `{{ ... }}`: its filter chain, written as Liquid writes it, with mappings in
/// order.
#[derive(Debug)]
pub(super) struct Output(pub(super) liquid_core::parser::FilterChain);

impl Renderable for Output {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> liquid_core::Result<()> {
        let value = self.0.evaluate(runtime)?;
        if value.as_array().is_none() && value.as_object().is_none() {
            return write!(writer, "{}", value.render()).replace("Failed to render");
        }
        let mut text = String::new();
        write_rendered(value.as_view(), runtime, &mut text);
        writer.write_all(text.as_bytes()).replace("Failed to render")
    }
}

/// What a `for` loop runs over when its collection is the mapping `object`: its
/// `[key, value]` pairs, in order ([`entries`]).
pub(super) fn pairs(object: &dyn ObjectView, runtime: &dyn Runtime) -> Value {
    let pairs = entries(object, runtime).into_iter();
    Value::Array(pairs.map(|(k, v)| Value::Array(vec![Value::scalar(k.into_owned()), v.to_value()])).collect())
}

/// `value` as a Liquid value: the maps of a list have every key any of them has (after
/// their own). The order of each map's keys goes into `orders`.
pub(super) fn to_liquid(value: &serde_json::Value, orders: &mut KeyOrders) -> Value {
    map_to_liquid(value, &BTreeSet::new(), orders)
}

/// [`to_liquid`], a map given the keys `every` of the list it is in.
fn map_to_liquid(value: &serde_json::Value, every: &BTreeSet<&String>, orders: &mut KeyOrders) -> Value {
    use serde_json::Value as Json;
    match value {
        Json::Null => Value::Nil,
        Json::Bool(b) => Value::scalar(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::scalar(i),
            None => Value::scalar(n.as_f64().unwrap_or_default()),
        },
        Json::String(s) => Value::scalar(s.clone()),
        Json::Array(items) => {
            let every: BTreeSet<&String> = items.iter().filter_map(Json::as_object).flat_map(|m| m.keys()).collect();
            Value::array(items.iter().map(|item| map_to_liquid(item, &every, orders)))
        }
        Json::Object(map) => {
            let missing = every.iter().filter(|key| !map.contains_key(key.as_str()));
            let keys: Vec<KString> = map.keys().chain(missing.copied()).map(|k| KString::from_ref(k)).collect();
            orders.record(keys);
            let mut object: Object = map.iter().map(|(k, v)| (KString::from_ref(k), to_liquid(v, orders))).collect();
            for key in every {
                if !object.contains_key(key.as_str()) {
                    object.insert(KString::from_ref(key), Value::Nil);
                }
            }
            Value::Object(object)
        }
    }
}

#[cfg(test)]
mod tests;
