package covert.model;

/** One model response: the assistant message, what it cost and why it stopped. */
public record Generation(Message.AssistantMessage message, Usage usage, StopReason stopReason) {}
