package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Points at an object in the build plane. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceReference(String apiVersion, String kind, String name, String namespace) {}
