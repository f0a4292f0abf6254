package dev.thermocline.helm;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kubernetes "restricted" Pod Security Standard (which includes "baseline"), checked on a pod
 * spec the way the PodSecurity admission controller does, plus this chart's own rule that every
 * root filesystem is read-only. Returns one line per violation.
 */
final class RestrictedPodSecurity {

  private static final Set<String> ALLOWED_VOLUME_TYPES =
      Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");
  private static final Set<String> SAFE_SYSCTLS =
      Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");
  private static final Set<String> SECCOMP_ALLOWED = Set.of("RuntimeDefault", "Localhost");

  private RestrictedPodSecurity() {}

  static List<String> violations(PodSpec pod) {
    List<String> violations = new ArrayList<>();
    PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
    if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
      violations.add("pod shares a host namespace (hostNetwork/hostPID/hostIPC)");
    }
    if (Boolean.FALSE.equals(podContext.getRunAsNonRoot())) {
      violations.add("pod sets runAsNonRoot=false");
    }
    if (Long.valueOf(0).equals(podContext.getRunAsUser())) {
      violations.add("pod sets runAsUser=0");
    }
    String podSeccomp = seccompType(podContext.getSeccompProfile());
    if (podSeccomp != null && !SECCOMP_ALLOWED.contains(podSeccomp)) {
      violations.add("pod seccompProfile is " + podSeccomp);
    }
    for (Sysctl sysctl : podContext.getSysctls() == null ? List.<Sysctl>of() : podContext.getSysctls()) {
      if (!SAFE_SYSCTLS.contains(sysctl.getName())) {
        violations.add("pod sets unsafe sysctl " + sysctl.getName());
      }
    }
    for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
      Map<?, ?> fields = KubernetesTypes.SERIALIZATION.convertValue(volume, Map.class);
      for (Object type : fields.keySet()) {
        if (!type.equals("name") && !ALLOWED_VOLUME_TYPES.contains(type.toString())) {
          violations.add("volume " + volume.getName() + " has restricted type " + type);
        }
      }
    }
    List<Container> containers =
        Stream.concat(
                pod.getContainers() == null ? Stream.<Container>empty() : pod.getContainers().stream(),
                pod.getInitContainers() == null ? Stream.<Container>empty() : pod.getInitContainers().stream())
            .toList();
    if (containers.isEmpty()) {
      violations.add("pod has no containers to check");
    }
    for (Container container : containers) {
      violations.addAll(containerViolations(container, podContext));
    }
    if (pod.getEphemeralContainers() != null && !pod.getEphemeralContainers().isEmpty()) {
      violations.add("pod template declares ephemeral containers");
    }
    return violations;
  }

  private static List<String> containerViolations(Container container, PodSecurityContext podContext) {
    List<String> violations = new ArrayList<>();
    String name = "container " + container.getName() + ": ";
    SecurityContext context = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
    if (Boolean.TRUE.equals(context.getPrivileged())) {
      violations.add(name + "privileged");
    }
    if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
      violations.add(name + "allowPrivilegeEscalation is not false");
    }
    Capabilities capabilities = context.getCapabilities();
    if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
      violations.add(name + "capabilities do not drop ALL");
    }
    if (capabilities != null && capabilities.getAdd() != null) {
      capabilities.getAdd().stream()
          .filter(added -> !added.equals("NET_BIND_SERVICE"))
          .forEach(added -> violations.add(name + "adds capability " + added));
    }
    boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : Boolean.TRUE.equals(podContext.getRunAsNonRoot());
    if (!nonRoot) {
      violations.add(name + "runAsNonRoot is not true (pod or container)");
    }
    if (Long.valueOf(0).equals(context.getRunAsUser())) {
      violations.add(name + "runAsUser=0");
    }
    String seccomp = seccompType(context.getSeccompProfile());
    String effectiveSeccomp = seccomp != null ? seccomp : seccompType(podContext.getSeccompProfile());
    if (effectiveSeccomp == null || !SECCOMP_ALLOWED.contains(effectiveSeccomp)) {
      violations.add(name + "seccompProfile is " + effectiveSeccomp + ", not RuntimeDefault or Localhost");
    }
    if (context.getProcMount() != null && !context.getProcMount().equals("Default")) {
      violations.add(name + "procMount " + context.getProcMount());
    }
    if (context.getSeLinuxOptions() != null
        && (context.getSeLinuxOptions().getUser() != null || context.getSeLinuxOptions().getRole() != null)) {
      violations.add(name + "sets SELinux user or role");
    }
    for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
      if (port.getHostPort() != null && port.getHostPort() != 0) {
        violations.add(name + "uses hostPort " + port.getHostPort());
      }
    }
    if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
      violations.add(name + "root filesystem is not read-only");
    }
    return violations;
  }

  private static String seccompType(SeccompProfile profile) {
    return profile == null ? null : profile.getType();
  }
}
