//! Open models with the figures memory and throughput depend on: parameters (and active
//! parameters for mixture-of-experts models), layers, KV heads and head dimension, from
//! the models' published configurations.

/// One open model's architecture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelSpec {
    /// e.g. "Llama 3.1 70B".
    pub name: &'static str,
    /// Parameters, billions (all experts for a mixture of experts).
    pub params_billion: f64,
    /// Parameters read per generated token, billions: the active experts of a mixture of
    /// experts, else all of them.
    pub active_params_billion: f64,
    /// Transformer layers.
    pub layers: u32,
    /// Key-value heads (grouped-query attention).
    pub kv_heads: u32,
    /// Dimension of one attention head.
    pub head_dim: u32,
    /// Where the figures come from.
    pub source: &'static str,
}

impl ModelSpec {
    /// Bytes of KV cache one token in flight takes: `2 · layers · KV heads · head dim ·
    /// bytes per element` (keys and values).
    pub fn kv_bytes_per_token(&self, bytes_per_element: f64) -> f64 {
        2.0 * f64::from(self.layers)
            * f64::from(self.kv_heads)
            * f64::from(self.head_dim)
            * bytes_per_element
    }

    /// True for a mixture of experts (fewer parameters read per token than held).
    pub fn is_mixture_of_experts(&self) -> bool {
        self.active_params_billion < self.params_billion
    }
}

/// The built-in model list; names match the deployment picker's.
pub const MODELS: &[ModelSpec] = &[
    ModelSpec {
        name: "Llama 3.1 8B",
        params_billion: 8.0,
        active_params_billion: 8.0,
        layers: 32,
        kv_heads: 8,
        head_dim: 128,
        source: "Meta Llama 3.1 model card and config.json (published)",
    },
    ModelSpec {
        name: "Mistral 7B",
        params_billion: 7.3,
        active_params_billion: 7.3,
        layers: 32,
        kv_heads: 8,
        head_dim: 128,
        source: "Mistral 7B v0.3 config.json (published)",
    },
    ModelSpec {
        name: "Llama 3.1 70B",
        params_billion: 70.0,
        active_params_billion: 70.0,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        source: "Meta Llama 3.1 model card and config.json (published)",
    },
    ModelSpec {
        name: "Llama 3.3 70B",
        params_billion: 70.0,
        active_params_billion: 70.0,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        source: "Meta Llama 3.3 model card (same architecture as 3.1 70B; published)",
    },
    ModelSpec {
        name: "Qwen 2.5 72B",
        params_billion: 72.7,
        active_params_billion: 72.7,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        source: "Qwen2.5-72B config.json (published)",
    },
    ModelSpec {
        name: "Mixtral 8x7B",
        params_billion: 46.7,
        active_params_billion: 12.9,
        layers: 32,
        kv_heads: 8,
        head_dim: 128,
        source: "Mixtral of Experts paper and config.json: 46.7B total, 12.9B active (published)",
    },
    ModelSpec {
        name: "Llama 4 Maverick",
        params_billion: 400.0,
        active_params_billion: 17.0,
        layers: 48,
        kv_heads: 8,
        head_dim: 128,
        source: "Meta Llama 4 model card: 400B total, 17B active, 128 experts (published)",
    },
    ModelSpec {
        name: "Llama 3.1 405B",
        params_billion: 405.0,
        active_params_billion: 405.0,
        layers: 126,
        kv_heads: 8,
        head_dim: 128,
        source: "Meta Llama 3.1 model card and config.json (published)",
    },
];

/// The model called `name` (any case, spaces or dashes alike).
pub fn model_named(name: &str) -> Option<&'static ModelSpec> {
    let key = |text: &str| text.to_lowercase().replace(['-', '_', ' '], "");
    MODELS.iter().find(|model| key(model.name) == key(name))
}
