/// Reference semantics of vLLM's custom ops, following their `forward_native`s and kernel
/// contracts: inputs are values already rounded to `dtype`, arithmetic is float32, outputs are
/// rounded where vLLM rounds them.
public enum Reference {}
