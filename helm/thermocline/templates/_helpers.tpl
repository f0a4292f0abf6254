{{/*
Names. Kubernetes names are DNS labels of at most 63 characters, so every generated name is
cut there; FlinkDeployment names are cut further (thermocline.flinkDeploymentName).
*/}}
{{- define "thermocline.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
"<release>-<chart>", or the release name alone when it already contains the chart name.
*/}}
{{- define "thermocline.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "thermocline.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of a FlinkDeployment: (list $ "suffix"). The operator accepts at most 45 characters
because Flink derives "<name>-rest" and the pod names from it, so the prefix is cut to fit.
*/}}
{{- define "thermocline.flinkDeploymentName" -}}
{{- $root := index . 0 }}
{{- $suffix := index . 1 }}
{{- $prefix := include "thermocline.fullname" $root | trunc (int (sub 44 (len $suffix))) | trimSuffix "-" }}
{{- printf "%s-%s" $prefix $suffix }}
{{- end }}

{{/* Name of the session cluster backups (and session-job restores) run on; its REST Service is "<this>-rest". */}}
{{- define "thermocline.sessionClusterName" -}}
{{- include "thermocline.flinkDeploymentName" (list . "session") }}
{{- end }}

{{- define "thermocline.selectorLabels" -}}
app.kubernetes.io/name: {{ include "thermocline.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "thermocline.labels" -}}
helm.sh/chart: {{ include "thermocline.chart" . }}
{{ include "thermocline.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: thermocline
{{- end }}

{{/* Labels of one component: (list $ "component"). */}}
{{- define "thermocline.componentLabels" -}}
{{ include "thermocline.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* The image reference; a digest pins it and wins over the tag. */}}
{{- define "thermocline.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}
{{- end }}

{{- define "thermocline.serviceAccountName" -}}
{{- default (printf "%s-flink" (include "thermocline.fullname" . | trunc 57 | trimSuffix "-")) .Values.serviceAccount.name }}
{{- end }}

{{- define "thermocline.backupServiceAccountName" -}}
{{- printf "%s-backup" (include "thermocline.fullname" . | trunc 56 | trimSuffix "-") }}
{{- end }}

{{/* Annotations of the chart's ServiceAccounts: the IRSA role, then the user's. */}}
{{- define "thermocline.serviceAccountAnnotations" -}}
{{- $annotations := deepCopy .Values.serviceAccount.annotations }}
{{- if .Values.serviceAccount.awsRoleArn }}
{{- $_ := set $annotations "eks.amazonaws.com/role-arn" .Values.serviceAccount.awsRoleArn }}
{{- end }}
{{- if $annotations }}
annotations:
  {{- toYaml $annotations | nindent 2 }}
{{- end }}
{{- end }}

{{- define "thermocline.configMapName" -}}
{{- printf "%s-config" (include "thermocline.fullname" . | trunc 56 | trimSuffix "-") }}
{{- end }}

{{/* Where thermocline.yaml is mounted in every container; passed as --config. */}}
{{- define "thermocline.configDir" -}}/etc/thermocline/conf{{- end }}
{{- define "thermocline.configPath" -}}{{ include "thermocline.configDir" . }}/thermocline.yaml{{- end }}
{{- define "thermocline.kafkaTlsDir" -}}/etc/thermocline/kafka-tls{{- end }}

{{/* Path of the bundle inside the image, from the jarURI. */}}
{{- define "thermocline.jarPath" -}}
{{- trimPrefix "local://" .Values.flink.jarURI }}
{{- end }}

{{/*
Whether a property name looks like it holds a secret. Names of classes, providers, types,
locations and endpoints are not secrets even when they contain one of the words.
*/}}
{{- define "thermocline.isSecretName" -}}
{{- if and (regexMatch "(?i)(password|passwd|secret|token|credential|jaas|access[-_.]?key|private[-_.]?key)" .) (not (regexMatch "(?i)(provider|providers|class|impl|type|location|uri|url|endpoint|file|path)$" .)) }}true{{- end }}
{{- end }}

{{/*
Fails on a secret-looking property with a literal value: (list "values.path" $map). Such a
value must be an ${env:NAME} placeholder whose variable comes from a Secret.
*/}}
{{- define "thermocline.requireSecretPlaceholders" -}}
{{- $where := index . 0 }}
{{- range $key, $value := index . 1 }}
{{- if and (include "thermocline.isSecretName" $key) (not (contains "${env:" (toString $value))) }}
{{- fail (printf "%s.%s looks like a secret but has a literal value: put the secret in a Kubernetes Secret, map it to an environment variable (catalog.secretEnv) and write ${env:NAME} here" $where $key) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Checks across values that the schema of single keys cannot express. */}}
{{- define "thermocline.validate" -}}
{{- if not (regexMatch "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$" .Values.warehouse) }}
{{- fail (printf "warehouse must be an s3://bucket[/prefix] URI, got %q" .Values.warehouse) }}
{{- end }}
{{- if not (regexMatch "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$" .Values.flink.stateDir) }}
{{- fail (printf "flink.stateDir must be an s3://bucket[/prefix] URI, got %q" .Values.flink.stateDir) }}
{{- end }}
{{- if not (has .Values.catalog.type (list "rest" "glue" "jdbc" "hadoop")) }}
{{- fail (printf "catalog.type must be one of rest, glue, jdbc, hadoop; got %q" .Values.catalog.type) }}
{{- end }}
{{- if and (has .Values.catalog.type (list "rest" "jdbc")) (not (get (include "thermocline.catalogProperties" . | fromYaml) "uri")) }}
{{- fail (printf "catalog.%s.uri is required for a %s catalog" .Values.catalog.type .Values.catalog.type) }}
{{- end }}
{{- include "thermocline.requireSecretPlaceholders" (list "catalog.properties" .Values.catalog.properties) }}
{{- with get .Values.catalog .Values.catalog.type }}
{{- include "thermocline.requireSecretPlaceholders" (list (printf "catalog.%s" $.Values.catalog.type) .) }}
{{- end }}
{{- include "thermocline.requireSecretPlaceholders" (list "kafka.properties" .Values.kafka.properties) }}
{{- $flinkConfigurations := dict "flink.configuration" .Values.flink.configuration "backup.configuration" .Values.backup.configuration "restore.configuration" .Values.restore.configuration }}
{{- range $job := list "heatmap" "repartition" "changelog" }}
{{- $_ := set $flinkConfigurations (printf "jobs.%s.configuration" $job) (get $.Values.jobs $job).configuration }}
{{- end }}
{{- range $where, $configuration := $flinkConfigurations }}
{{- range $key, $value := $configuration }}
{{- if include "thermocline.isSecretName" $key }}
{{- fail (printf "%s.%s looks like a secret: Flink configuration is stored in plain ConfigMaps; use s3.credentials.source=secret for S3 keys" $where $key) }}
{{- end }}
{{- end }}
{{- end }}
{{- range .Values.catalog.secretEnv }}
{{- if not (and .name .secretName .key) }}
{{- fail (printf "catalog.secretEnv entries need name, secretName and key; got %v" .) }}
{{- end }}
{{- end }}
{{- $protocol := .Values.kafka.security.protocol }}
{{- if not (has $protocol (list "PLAINTEXT" "SSL" "SASL_PLAINTEXT" "SASL_SSL")) }}
{{- fail (printf "kafka.security.protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL; got %q" $protocol) }}
{{- end }}
{{- if hasPrefix "SASL_" $protocol }}
{{- $sasl := .Values.kafka.security.sasl }}
{{- if not $sasl.existingSecret }}
{{- fail (printf "kafka.security.sasl.existingSecret is required with protocol %s" $protocol) }}
{{- end }}
{{- if and (not $sasl.jaasConfigKey) (not (has $sasl.mechanism (list "PLAIN" "SCRAM-SHA-256" "SCRAM-SHA-512"))) }}
{{- fail (printf "kafka.security.sasl.mechanism %q needs kafka.security.sasl.jaasConfigKey" $sasl.mechanism) }}
{{- end }}
{{- end }}
{{- if not (has .Values.s3.credentials.source (list "serviceAccount" "secret")) }}
{{- fail (printf "s3.credentials.source must be serviceAccount or secret; got %q" .Values.s3.credentials.source) }}
{{- end }}
{{- if and (eq .Values.s3.credentials.source "secret") (not .Values.s3.credentials.secret.name) }}
{{- fail "s3.credentials.secret.name is required when s3.credentials.source is secret" }}
{{- end }}
{{- if and (not .Values.serviceAccount.create) (not .Values.serviceAccount.name) }}
{{- fail "serviceAccount.name is required when serviceAccount.create is false" }}
{{- end }}
{{- range $job := list "heatmap" "repartition" "changelog" }}
{{- $spec := get $.Values.jobs $job }}
{{- if not (has $spec.upgradeMode (list "savepoint" "last-state")) }}
{{- fail (printf "jobs.%s.upgradeMode must be savepoint or last-state; got %q" $job $spec.upgradeMode) }}
{{- end }}
{{- end }}
{{- end }}

{{- define "thermocline.kafkaTlsEnabled" -}}
{{- if and (has .Values.kafka.security.protocol (list "SSL" "SASL_SSL")) .Values.kafka.security.tls.truststoreSecret }}true{{- end }}
{{- end }}

{{/*
Kafka client properties generated from kafka.security. Secrets appear only as ${env:NAME}
placeholders, resolved inside every Kafka client by Kafka's EnvVarConfigProvider.
*/}}
{{- define "thermocline.kafkaProperties" -}}
{{- $security := .Values.kafka.security }}
{{- $props := dict
      "config.providers" "env"
      "config.providers.env.class" "org.apache.kafka.common.config.provider.EnvVarConfigProvider"
      "security.protocol" $security.protocol }}
{{- if hasPrefix "SASL_" $security.protocol }}
{{- $_ := set $props "sasl.mechanism" $security.sasl.mechanism }}
{{- if $security.sasl.jaasConfigKey }}
{{- $_ := set $props "sasl.jaas.config" "${env:KAFKA_SASL_JAAS_CONFIG}" }}
{{- else }}
{{- $module := ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq $security.sasl.mechanism "PLAIN") }}
{{- $_ := set $props "sasl.jaas.config" (printf "%s required username=\"${env:KAFKA_SASL_USERNAME}\" password=\"${env:KAFKA_SASL_PASSWORD}\";" $module) }}
{{- end }}
{{- end }}
{{- if include "thermocline.kafkaTlsEnabled" . }}
{{- $_ := set $props "ssl.truststore.location" (printf "%s/truststore" (include "thermocline.kafkaTlsDir" .)) }}
{{- $_ := set $props "ssl.truststore.type" $security.tls.truststoreType }}
{{- if $security.tls.truststorePasswordKey }}
{{- $_ := set $props "ssl.truststore.password" "${env:KAFKA_SSL_TRUSTSTORE_PASSWORD}" }}
{{- end }}
{{- end }}
{{- toYaml (mergeOverwrite (deepCopy .Values.kafka.properties) $props) }}
{{- end }}

{{/*
Iceberg catalog properties: the type's own (catalog.<type>) over the shared ones
(catalog.properties), plus S3FileIO settings neither sets.
*/}}
{{- define "thermocline.catalogProperties" -}}
{{- $defaults := dict }}
{{- if has .Values.catalog.type (list "jdbc" "hadoop") }}
{{- $_ := set $defaults "io-impl" "org.apache.iceberg.aws.s3.S3FileIO" }}
{{- end }}
{{- if .Values.s3.endpoint }}
{{- $_ := set $defaults "s3.endpoint" .Values.s3.endpoint }}
{{- end }}
{{- if .Values.s3.pathStyleAccess }}
{{- $_ := set $defaults "s3.path-style-access" "true" }}
{{- end }}
{{- $typed := deepCopy (get .Values.catalog .Values.catalog.type | default dict) }}
{{- toYaml (merge $typed (deepCopy .Values.catalog.properties) $defaults) }}
{{- end }}

{{/* Environment of every container: region, then variables from Secrets (by name only). */}}
{{- define "thermocline.env" -}}
{{- if .Values.s3.region }}
- name: AWS_REGION
  value: {{ .Values.s3.region | quote }}
{{- end }}
{{- if eq .Values.s3.credentials.source "secret" }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ .Values.s3.credentials.secret.name }}
      key: {{ .Values.s3.credentials.secret.accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.s3.credentials.secret.name }}
      key: {{ .Values.s3.credentials.secret.secretAccessKeyKey }}
{{- end }}
{{- $security := .Values.kafka.security }}
{{- if hasPrefix "SASL_" $security.protocol }}
{{- if $security.sasl.jaasConfigKey }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $security.sasl.existingSecret }}
      key: {{ $security.sasl.jaasConfigKey }}
{{- else }}
- name: KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $security.sasl.existingSecret }}
      key: {{ $security.sasl.usernameKey }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $security.sasl.existingSecret }}
      key: {{ $security.sasl.passwordKey }}
{{- end }}
{{- end }}
{{- if and (include "thermocline.kafkaTlsEnabled" .) $security.tls.truststorePasswordKey }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $security.tls.truststoreSecret }}
      key: {{ $security.tls.truststorePasswordKey }}
{{- end }}
{{- range .Values.catalog.secretEnv }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ .key }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Volumes of every pod: scratch, logs, the Thermocline config, the Kafka truststore. */}}
{{- define "thermocline.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
- name: flink-logs
  emptyDir:
    sizeLimit: {{ .Values.logVolume.sizeLimit }}
- name: thermocline-config
  configMap:
    name: {{ include "thermocline.configMapName" . }}
{{- if include "thermocline.kafkaTlsEnabled" . }}
- name: kafka-truststore
  secret:
    secretName: {{ .Values.kafka.security.tls.truststoreSecret }}
    items:
      - key: {{ .Values.kafka.security.tls.truststoreKey }}
        path: truststore
{{- end }}
{{- end }}

{{- define "thermocline.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: flink-logs
  mountPath: /opt/flink/log
- name: thermocline-config
  mountPath: {{ include "thermocline.configDir" . }}
  readOnly: true
{{- if include "thermocline.kafkaTlsEnabled" . }}
- name: kafka-truststore
  mountPath: {{ include "thermocline.kafkaTlsDir" . }}
  readOnly: true
{{- end }}
{{- end }}

{{/* Scheduling and pull settings shared by every pod spec. */}}
{{- define "thermocline.podScheduling" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Pod template of a FlinkDeployment: (list $ "component"). The operator merges it into the
JobManager and TaskManager pods; "flink-main-container" is the name it merges into. Flink
mounts its own configuration (a read-only ConfigMap) at /opt/flink/conf, so that path gets
no volume here; the image entrypoint's attempt to rewrite it fails harmlessly (README).
*/}}
{{- define "thermocline.flinkPodTemplate" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
apiVersion: v1
kind: Pod
metadata:
  labels:
    {{- include "thermocline.componentLabels" (list $root $component) | trim | nindent 4 }}
    thermocline.dev/flink: "true"
    {{- with $root.Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with $root.Values.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  {{- with include "thermocline.podScheduling" $root | trim }}
  {{- . | nindent 2 }}
  {{- end }}
  containers:
    - name: flink-main-container
      securityContext:
        {{- toYaml $root.Values.containerSecurityContext | nindent 8 }}
      env:
        {{- include "thermocline.env" $root | trim | nindent 8 }}
      {{- if $root.Values.metrics.enabled }}
      ports:
        - name: metrics
          containerPort: {{ $root.Values.metrics.port }}
          protocol: TCP
      {{- end }}
      volumeMounts:
        {{- include "thermocline.volumeMounts" $root | trim | nindent 8 }}
  volumes:
    {{- include "thermocline.volumes" $root | trim | nindent 4 }}
{{- end }}

{{/*
Flink configuration of one deployment: (list $ "state-name" taskSlots extraConfiguration).
State goes to <flink.stateDir>/<state-name>/…; values are strings, as the operator expects.
*/}}
{{- define "thermocline.flinkConfiguration" -}}
{{- $root := index . 0 }}
{{- $stateName := index . 1 }}
{{- $taskSlots := index . 2 }}
{{- $extra := index . 3 }}
{{- $state := printf "%s/%s" (trimSuffix "/" $root.Values.flink.stateDir) $stateName }}
{{- $conf := dict
      "taskmanager.numberOfTaskSlots" (toString $taskSlots)
      "state.backend.type" "rocksdb"
      "execution.checkpointing.incremental" "true"
      "execution.checkpointing.interval" (toString $root.Values.flink.checkpointInterval)
      "execution.checkpointing.mode" "EXACTLY_ONCE"
      "execution.checkpointing.num-retained" (toString $root.Values.flink.retainedCheckpoints)
      "execution.checkpointing.dir" (printf "%s/checkpoints" $state)
      "execution.checkpointing.savepoint-dir" (printf "%s/savepoints" $state)
      "state.checkpoints.dir" (printf "%s/checkpoints" $state)
      "state.savepoints.dir" (printf "%s/savepoints" $state)
      "high-availability.type" "kubernetes"
      "high-availability.storageDir" (printf "%s/ha" $state)
      "restart-strategy.type" "exponential-delay"
      "kubernetes.rest-service.exposed.type" "ClusterIP"
      "io.tmp.dirs" "/tmp"
      "env.java.opts.all" (printf "%s -Djava.io.tmpdir=/tmp" $root.Values.flink.javaOptions)
}}
{{- if $root.Values.s3.endpoint }}
{{- $_ := set $conf "s3.endpoint" $root.Values.s3.endpoint }}
{{- end }}
{{- if $root.Values.s3.pathStyleAccess }}
{{- $_ := set $conf "s3.path.style.access" "true" }}
{{- end }}
{{- if eq $root.Values.s3.credentials.source "secret" }}
{{- $_ := set $conf "s3.aws.credentials.provider" "com.amazonaws.auth.EnvironmentVariableCredentialsProvider" }}
{{- else if $root.Values.s3.credentials.flinkProvider }}
{{- $_ := set $conf "s3.aws.credentials.provider" $root.Values.s3.credentials.flinkProvider }}
{{- end }}
{{- if $root.Values.metrics.enabled }}
{{- $_ := set $conf "metrics.reporter.prom.factory.class" "org.apache.flink.metrics.prometheus.PrometheusReporterFactory" }}
{{- $_ := set $conf "metrics.reporter.prom.port" (toString $root.Values.metrics.port) }}
{{- end }}
{{- $conf = mergeOverwrite $conf $root.Values.flink.configuration $extra }}
{{- range $key, $value := $conf }}
{{ $key }}: {{ toString $value | quote }}
{{- end }}
{{- end }}

{{/* "--config <path>" as YAML list items: every command reads thermocline.yaml from there. */}}
{{- define "thermocline.configArgs" -}}
- --config
- {{ include "thermocline.configPath" . }}
{{- end }}

{{/*
A value as a command-line word. Numbers from a values file arrive as float64 and would print
as 1.7e+12, so whole numbers are printed in full (quote large keys to keep every digit).
*/}}
{{- define "thermocline.arg" -}}
{{- if kindIs "float64" . }}{{ printf "%.0f" . }}{{ else }}{{ toString . }}{{ end }}
{{- end }}
