package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The restricted-profile check itself: a compliant pod passes, each single weakening is named. */
class RestrictedPodSecurityTest {

  private static PodSpec compliant(UnaryOperator<ContainerBuilder> container, UnaryOperator<PodSpecBuilder> pod) {
    ContainerBuilder main =
        new ContainerBuilder()
            .withName("main")
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withNewCapabilities().withDrop("ALL").endCapabilities()
            .endSecurityContext();
    PodSpecBuilder spec =
        new PodSpecBuilder()
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(9999L)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .endSecurityContext()
            .withContainers(container.apply(main).build())
            .withVolumes(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    return pod.apply(spec).build();
  }

  @Test
  void acceptsACompliantPod() {
    assertThat(RestrictedPodSecurity.violations(compliant(c -> c, p -> p))).isEmpty();
  }

  @Test
  void namesPrivilegeEscalation() {
    PodSpec pod = compliant(c -> c.editSecurityContext().withAllowPrivilegeEscalation(true).endSecurityContext(), p -> p);

    assertThat(RestrictedPodSecurity.violations(pod)).containsExactly("container main: allowPrivilegeEscalation is not false");
  }

  @Test
  void namesCapabilitiesNotDropped() {
    PodSpec pod = compliant(c -> c.editSecurityContext().withCapabilities(null).endSecurityContext(), p -> p);

    assertThat(RestrictedPodSecurity.violations(pod)).containsExactly("container main: capabilities do not drop ALL");
  }

  @Test
  void namesAnAddedCapability() {
    PodSpec pod = compliant(c -> c.editSecurityContext().editCapabilities().withAdd("SYS_ADMIN").endCapabilities().endSecurityContext(), p -> p);

    assertThat(RestrictedPodSecurity.violations(pod)).containsExactly("container main: adds capability SYS_ADMIN");
  }

  @Test
  void namesAMissingRunAsNonRoot() {
    PodSpec pod = compliant(c -> c, p -> p.editSecurityContext().withRunAsNonRoot(null).endSecurityContext());

    assertThat(RestrictedPodSecurity.violations(pod)).containsExactly("container main: runAsNonRoot is not true (pod or container)");
  }

  @Test
  void namesAMissingSeccompProfile() {
    PodSpec pod = compliant(c -> c, p -> p.editSecurityContext().withSeccompProfile(null).endSecurityContext());

    assertThat(RestrictedPodSecurity.violations(pod))
        .containsExactly("container main: seccompProfile is null, not RuntimeDefault or Localhost");
  }

  @Test
  void namesAWritableRootFilesystem() {
    PodSpec pod = compliant(c -> c.editSecurityContext().withReadOnlyRootFilesystem(false).endSecurityContext(), p -> p);

    assertThat(RestrictedPodSecurity.violations(pod)).containsExactly("container main: root filesystem is not read-only");
  }

  @Test
  void namesAHostPathVolume() {
    PodSpec pod = compliant(c -> c, p -> p.addToVolumes(new VolumeBuilder().withName("host").withNewHostPath("/", null).build()));

    assertThat(RestrictedPodSecurity.violations(pod)).containsExactly("volume host has restricted type hostPath");
  }

  @Test
  void namesPrivilegedContainersAndHostNamespaces() {
    PodSpec pod = compliant(c -> c.editSecurityContext().withPrivileged(true).endSecurityContext(), p -> p.withHostNetwork(true));

    assertThat(RestrictedPodSecurity.violations(pod))
        .containsExactlyInAnyOrder("pod shares a host namespace (hostNetwork/hostPID/hostIPC)", "container main: privileged");
  }

  @Test
  void checksInitContainersToo() {
    PodSpec pod = compliant(c -> c, p -> p.addNewInitContainer().withName("init").endInitContainer());

    assertThat(RestrictedPodSecurity.violations(pod)).contains("container init: allowPrivilegeEscalation is not false");
  }
}
