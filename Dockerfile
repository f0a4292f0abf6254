# Thermocline job image: Flink 2.0 on Java 17 with the job bundle, for the Helm chart in helm/.
#
# Build from the repository root after packaging the bundle:
#   mvn -B -pl jobs -am package -DskipTests
#   docker build -t <registry>/thermocline:<version> .
# The chart runs it with a read-only root filesystem as uid 9999 (helm/README.md).
FROM flink:2.0.0-java17

# Flink's S3 filesystem for checkpoints, savepoints and HA metadata on s3://. It is enabled here,
# at build time, because the entrypoint's ENABLE_BUILT_IN_PLUGINS would create the plugin
# directory at start-up, which fails on a read-only root filesystem.
RUN mkdir -p /opt/flink/plugins/s3-fs-hadoop \
 && ln -s /opt/flink/opt/flink-s3-fs-hadoop-2.0.0.jar /opt/flink/plugins/s3-fs-hadoop/

# The bundle (every job and the thermocline command); the chart's jarURI points here:
# local:///opt/flink/usrlib/thermocline-bundle.jar
COPY --chown=flink:flink jobs/target/thermocline-bundle.jar /opt/flink/usrlib/thermocline-bundle.jar

# The image's flink user, numerically, so that runAsNonRoot can be verified without runAsUser.
USER 9999:9999
