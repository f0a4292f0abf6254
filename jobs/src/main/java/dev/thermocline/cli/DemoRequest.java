package dev.thermocline.cli;

/** {@code thermocline demo}: everything end to end on the embedded default. It takes no arguments. */
public record DemoRequest() {}
