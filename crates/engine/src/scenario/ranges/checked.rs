//! Deserializers that refuse a range that does not contain its value while the parser
//! still knows where it is, so the message carries the line and column of the option.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error as _, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{Range, Ranges};

use crate::scenario::validate::{
    api_range_problems, deployment_range_problems, workload_share_range_problems,
};
use crate::scenario::{ApiOption, Deployment, Workload};

/// Something whose ranges can be checked on its own.
trait OwnRanges {
    fn problems(&self) -> Vec<(String, String)>;
}

impl OwnRanges for ApiOption {
    fn problems(&self) -> Vec<(String, String)> {
        api_range_problems(&format!("API {:?}", self.name), self)
    }
}

impl OwnRanges for Deployment {
    fn problems(&self) -> Vec<(String, String)> {
        deployment_range_problems(&format!("deployment {:?}", self.name), self)
    }
}

impl OwnRanges for Workload {
    fn problems(&self) -> Vec<(String, String)> {
        workload_share_range_problems(self)
    }
}

struct Checked<T>(T);

impl<'de, T: Deserialize<'de> + OwnRanges> Deserialize<'de> for Checked<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = T::deserialize(deserializer)?;
        match value.problems().first() {
            Some((field, message)) => Err(D::Error::custom(format!("{field}: {message}"))),
            None => Ok(Checked(value)),
        }
    }
}

pub(in crate::scenario) fn apis<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<ApiOption>, D::Error> {
    let checked = Vec::<Checked<ApiOption>>::deserialize(deserializer)?;
    Ok(checked.into_iter().map(|c| c.0).collect())
}

pub(in crate::scenario) fn deployments<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Deployment>, D::Error> {
    let checked = Vec::<Checked<Deployment>>::deserialize(deserializer)?;
    Ok(checked.into_iter().map(|c| c.0).collect())
}

pub(in crate::scenario) fn workload<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Workload, D::Error> {
    Checked::<Workload>::deserialize(deserializer).map(|c| c.0)
}

/// A `ranges` map that names each input once: a second range for the same input is
/// refused where the parser stands (its line and column), not silently kept over the first.
pub(in crate::scenario) fn unique<'de, D, K>(deserializer: D) -> Result<Ranges<K>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Debug,
{
    struct Unique<K>(PhantomData<K>);

    impl<'de, K: Deserialize<'de> + Ord + fmt::Debug> Visitor<'de> for Unique<K> {
        type Value = Ranges<K>;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a map from an input to its (low: …, high: …)")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut ranges = Ranges::new();
            while let Some((input, range)) = map.next_entry::<K, Range>()? {
                if ranges.contains_key(&input) {
                    return Err(A::Error::custom(format!(
                        "ranges gives {input:?} twice; keep one low and high for each input"
                    )));
                }
                ranges.insert(input, range);
            }
            Ok(ranges)
        }
    }

    deserializer.deserialize_map(Unique(PhantomData))
}
