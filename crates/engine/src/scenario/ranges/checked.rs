//! Deserializers that refuse a range that does not contain its value while the parser
//! still knows where it is, so the message carries the line and column of the option.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

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
