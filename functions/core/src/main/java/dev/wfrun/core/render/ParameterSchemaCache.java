package dev.wfrun.core.render;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import dev.wfrun.core.schema.ParameterSchema;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;

/** Compiled parameter schemas by schema content, so a Workflow's schema compiles once. */
final class ParameterSchemaCache {
  private final Cache<Object, ParameterSchema> cache = CacheBuilder.newBuilder().maximumSize(512).build();

  ParameterSchema get(WorkflowSpec spec) {
    Object key = Arrays.asList(spec.parameters(), spec.schema());
    try {
      return cache.get(key, () -> ParameterSchema.of(spec));
    } catch (ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
