package dev.thermocline.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Rendered manifests as fabric8's typed Kubernetes model. */
final class KubernetesTypes {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private KubernetesTypes() {}

  static HasMetadata typed(Manifest manifest) {
    return SERIALIZATION.unmarshal(SERIALIZATION.asJson(manifest.body()));
  }

  static boolean isTyped(HasMetadata resource) {
    return !(resource instanceof GenericKubernetesResource);
  }

  static Pod pod(Map<String, Object> podTemplate) {
    return SERIALIZATION.unmarshal(SERIALIZATION.asJson(podTemplate), Pod.class);
  }

  /**
   * Fields the typed model does not know (fabric8 keeps them as "additional properties"): a
   * misspelt field the API server would reject or drop.
   */
  static List<String> unknownFields(Object model) {
    List<String> unknown = new ArrayList<>();
    collectUnknown(model, "", unknown, 0);
    return unknown;
  }

  private static void collectUnknown(Object value, String path, List<String> unknown, int depth) {
    if (value == null || depth > 40) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknown(item, path + "[" + i++ + "]", unknown, depth + 1);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown, depth + 1));
      return;
    }
    if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object child = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add((path.isEmpty() ? "." : path) + " " + extra.keySet());
        }
      } else {
        collectUnknown(child, path + "." + propertyName(getter), unknown, depth + 1);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(3);
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
