{{/*
The chart name, or nameOverride.
*/}}
{{- define "salespulse-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of the operator's Deployment, ServiceAccount, RBAC objects and Service: fullnameOverride, else the release
name when it already says "operator" (release salespulse-operator -> salespulse-operator), else
<release>-operator when the release name says "salespulse" (release salespulse -> salespulse-operator), else
<release>-salespulse-operator.
*/}}
{{- define "salespulse-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if hasSuffix "operator" .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else if contains "salespulse" .Release.Name }}
{{- printf "%s-operator" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-salespulse-operator" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/*
Labels on every object of the release; each object adds its app.kubernetes.io/component.
*/}}
{{- define "salespulse-operator.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "salespulse-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: salespulse
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels on the operator's own objects (Deployment, ServiceAccount, RBAC, Service).
*/}}
{{- define "salespulse-operator.labels" -}}
{{ include "salespulse-operator.commonLabels" . }}
app.kubernetes.io/component: operator
{{- end }}

{{/*
Labels that select the operator's pods.
*/}}
{{- define "salespulse-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "salespulse-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{/*
The ServiceAccount the operator runs as (and the RBAC binds).
*/}}
{{- define "salespulse-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "salespulse-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The operator image: registry/repository, then @digest when set, else :tag (default: the chart's appVersion).
*/}}
{{- define "salespulse-operator.image" -}}
{{- $repository := .Values.image.repository }}
{{- if .Values.image.registry }}
{{- $repository = printf "%s/%s" .Values.image.registry .Values.image.repository }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
What the operator does in the namespaces it watches (bound cluster-wide by a ClusterRole, or per namespace by a Role
when watchNamespaces is set). Each rule says which step of the reconcile needs it.
*/}}
{{- define "salespulse-operator.rules" -}}
# The primary resource: watched, finalizer added/removed (deletionPolicy Delete), status written.
- apiGroups: ["salespulse.io"]
  resources: ["salespipelines"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["salespulse.io"]
  resources: ["salespipelines/status"]
  verbs: ["get", "patch", "update"]
# Children carry blockOwnerDeletion owner references to their pipeline.
- apiGroups: ["salespulse.io"]
  resources: ["salespipelines/finalizers"]
  verbs: ["update"]
# Credentials for Kafka, MySQL and Cassandra, and the dashboard's Secret check: read by name only, never listed.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
# Children of every pipeline (server-side apply creates them, so create + patch), watched by label.
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: [""]
  resources: ["services", "serviceaccounts", "persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
# The job ConfigMap, and what the Spark driver's Role grants (Kubernetes only lets the operator grant rights it
# holds): executor pods and their ConfigMaps.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete", "deletecollection"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "create", "patch", "delete", "deletecollection"]
# Events on pipelines (kubectl describe salespipeline).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}

{{/*
The namespaces the operator watches, comma-separated; empty = all.
*/}}
{{- define "salespulse-operator.watchNamespaces" -}}
{{- join "," .Values.watchNamespaces }}
{{- end }}

{{/*
The namespace of the example pipeline.
*/}}
{{- define "salespulse-operator.exampleNamespace" -}}
{{- default .Release.Namespace .Values.examplePipeline.namespace }}
{{- end }}
