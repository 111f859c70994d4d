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
    /// Query heads (tensor parallelism splits them across GPUs).
    pub attention_heads: u32,
    /// Width of the hidden state.
    pub hidden_size: u32,
    /// Width of the feed-forward's intermediate projection (the dense or shared one of a
    /// mixture of experts).
    pub intermediate_size: u32,
    /// Tokens in the vocabulary: the embeddings and the output layer are `vocab ×
    /// hidden` each.
    pub vocab_size: u32,
    /// The output layer shares the embeddings' weights.
    pub tied_embeddings: bool,
    /// The longest context the model was trained for, tokens.
    pub max_context: u64,
    /// Layers that attend to a window (sliding-window or chunked attention), keeping at
    /// most that many tokens of KV cache.
    pub window: Option<AttentionWindow>,
    /// Where the figures come from.
    pub source: &'static str,
}

/// Layers of a model that keep a bounded KV cache.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AttentionWindow {
    /// How many layers attend to a window.
    pub layers: u32,
    /// The window, tokens.
    pub tokens: u64,
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

    /// Parameters of the embeddings and the output layer, billions (one matrix when tied):
    /// the ones quantized checkpoints keep at 16 bits.
    pub fn edge_params_billion(&self) -> f64 {
        let matrix = f64::from(self.vocab_size) * f64::from(self.hidden_size) / 1e9;
        if self.tied_embeddings {
            matrix
        } else {
            2.0 * matrix
        }
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
        params_billion: 8.03,
        active_params_billion: 8.03,
        layers: 32,
        kv_heads: 8,
        head_dim: 128,
        attention_heads: 32,
        hidden_size: 4096,
        intermediate_size: 14336,
        vocab_size: 128_256,
        tied_embeddings: false,
        max_context: 131_072,
        window: None,
        source: "Meta Llama 3.1 model card and config.json (published)",
    },
    ModelSpec {
        name: "Mistral 7B",
        params_billion: 7.3,
        active_params_billion: 7.3,
        layers: 32,
        kv_heads: 8,
        head_dim: 128,
        attention_heads: 32,
        hidden_size: 4096,
        intermediate_size: 14336,
        vocab_size: 32_768,
        tied_embeddings: false,
        max_context: 32_768,
        window: None,
        source: "Mistral 7B v0.3 config.json: 32 heads, vocabulary 32,768, 32,768 tokens of \
                 context (published)",
    },
    ModelSpec {
        name: "Llama 3.1 70B",
        params_billion: 70.55,
        active_params_billion: 70.55,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        attention_heads: 64,
        hidden_size: 8192,
        intermediate_size: 28672,
        vocab_size: 128_256,
        tied_embeddings: false,
        max_context: 131_072,
        window: None,
        source: "Meta Llama 3.1 model card and config.json (published)",
    },
    ModelSpec {
        name: "Llama 3.3 70B",
        params_billion: 70.55,
        active_params_billion: 70.55,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        attention_heads: 64,
        hidden_size: 8192,
        intermediate_size: 28672,
        vocab_size: 128_256,
        tied_embeddings: false,
        max_context: 131_072,
        window: None,
        source: "Meta Llama 3.3 model card (same architecture as 3.1 70B; published)",
    },
    ModelSpec {
        name: "Qwen 2.5 72B",
        params_billion: 72.7,
        active_params_billion: 72.7,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        attention_heads: 64,
        hidden_size: 8192,
        intermediate_size: 29568,
        vocab_size: 152_064,
        tied_embeddings: false,
        max_context: 32_768,
        window: None,
        source: "Qwen2.5-72B config.json: 64 heads, vocabulary 152,064, 32,768 tokens of context \
                 without YaRN scaling (published)",
    },
    ModelSpec {
        name: "Mixtral 8x7B",
        params_billion: 46.7,
        active_params_billion: 12.9,
        layers: 32,
        kv_heads: 8,
        head_dim: 128,
        attention_heads: 32,
        hidden_size: 4096,
        intermediate_size: 14336,
        vocab_size: 32_000,
        tied_embeddings: false,
        max_context: 32_768,
        window: None,
        source: "Mixtral of Experts paper and config.json: 46.7B total, 12.9B active (published)",
    },
    ModelSpec {
        name: "Llama 4 Maverick",
        params_billion: 400.0,
        active_params_billion: 17.0,
        layers: 48,
        kv_heads: 8,
        head_dim: 128,
        attention_heads: 40,
        hidden_size: 5120,
        intermediate_size: 16384,
        vocab_size: 202_048,
        tied_embeddings: false,
        max_context: 1_048_576,
        // Three of every four layers use chunked attention over 8,192 tokens.
        window: Some(AttentionWindow {
            layers: 36,
            tokens: 8192,
        }),
        source: "Meta Llama 4 model card and config.json: 400B total, 17B active, 128 experts, 40 \
                 heads, chunked attention over 8,192 tokens in 36 of 48 layers (published)",
    },
    ModelSpec {
        name: "Llama 3.1 405B",
        params_billion: 405.85,
        active_params_billion: 405.85,
        layers: 126,
        kv_heads: 8,
        head_dim: 128,
        attention_heads: 128,
        hidden_size: 16384,
        intermediate_size: 53248,
        vocab_size: 128_256,
        tied_embeddings: false,
        max_context: 131_072,
        window: None,
        source: "Meta Llama 3.1 model card and config.json (published)",
    },
];

/// The model called `name` (any case, spaces or dashes alike).
pub fn model_named(name: &str) -> Option<&'static ModelSpec> {
    let key = |text: &str| text.to_lowercase().replace(['-', '_', ' '], "");
    MODELS.iter().find(|model| key(model.name) == key(name))
}
