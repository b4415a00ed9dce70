package dev.wfrun.core.commitstatus;

/**
 * A commit status as git providers show it next to the commit.
 *
 * @param state pending, success or failure
 * @param context the status's name (one per run: {@code wfrun/<run>})
 * @param targetUrl where the status links to, or null
 */
public record CommitStatus(String state, String context, String description, String targetUrl) {}
