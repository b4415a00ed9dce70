package dev.wfrun.core.template;

/**
 * One {@code ${...}} occurrence in a template string.
 *
 * @param full the text including {@code ${} and the closing brace
 * @param inner the CEL expression between them
 */
public record Expression(String full, String inner) {}
