package dev.wfrun.core.engine;

/** Where a task's log is read: one container of one pod in the build plane. */
public record TaskLogStream(String task, String namespace, String pod, String container) {}
