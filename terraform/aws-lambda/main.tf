# The webhook gateway as an AWS Lambda function behind an API Gateway HTTP API. Webhook secrets live
# in Secrets Manager (read at runtime through the Parameters and Secrets extension, so a rotation
# needs no redeploy); the function may read that one secret and write its own logs, nothing else.
locals {
  routes = {
    autobuild           = "POST /api/v1alpha1/autobuild"
    autobuild_github    = "POST /api/v1alpha1/autobuild/github"
    autobuild_gitlab    = "POST /api/v1alpha1/autobuild/gitlab"
    autobuild_bitbucket = "POST /api/v1alpha1/autobuild/bitbucket"
    autobuild_gitea     = "POST /api/v1alpha1/autobuild/gitea"
    autobuild_forgejo   = "POST /api/v1alpha1/autobuild/forgejo"
  }
  environment = merge({
    WFRUN_GATEWAY_SECRET_SOURCE             = "aws-secrets-manager"
    WFRUN_GATEWAY_AWS_SECRET_ID             = aws_secretsmanager_secret.webhooks.arn
    WFRUN_GATEWAY_WORKLOAD_API_ENABLED      = "false"
    WFRUN_GATEWAY_RATE_LIMIT_PER_SECOND     = tostring(var.rate_limit_per_second)
    KUBERNETES_MASTER                       = var.kubernetes_api_url
    PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE = "10"
    }, var.kubernetes_ca_cert == null ? {} : {
    KUBERNETES_CERTS_CA_DATA = base64encode(var.kubernetes_ca_cert)
  })
}

resource "aws_secretsmanager_secret" "webhooks" {
  name        = "${var.name}/webhook-secrets"
  description = "wfrun gateway webhook secrets (keys as upstream's git-webhook-secrets)"
  tags        = var.tags
}

resource "aws_secretsmanager_secret_version" "webhooks" {
  secret_id = aws_secretsmanager_secret.webhooks.id
  # the webhook secrets and the control plane's ServiceAccount token (read by the gateway through the
  # Parameters and Secrets extension, never an environment variable)
  secret_string = jsonencode(merge({ for provider, value in var.webhook_secrets : "${provider}-secret" => value },
  { "kubernetes-token" = var.kubernetes_token }))
}

resource "aws_cloudwatch_log_group" "gateway" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "gateway" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# least privilege: its own log group, its own secret
data "aws_iam_policy_document" "gateway" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.gateway.arn}:*"]
  }
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.webhooks.arn]
  }
}

resource "aws_iam_role_policy" "gateway" {
  name   = "${var.name}-least-privilege"
  role   = aws_iam_role.gateway.id
  policy = data.aws_iam_policy_document.gateway.json
}

resource "aws_lambda_function" "gateway" {
  function_name    = var.name
  role             = aws_iam_role.gateway.arn
  filename         = var.function_zip
  source_code_hash = filebase64sha256(var.function_zip)
  handler          = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  runtime          = var.runtime
  memory_size      = var.memory_mb
  timeout          = var.timeout_seconds
  layers           = [var.secrets_extension_layer_arn]

  snap_start {
    apply_on = "PublishedVersions"
  }

  environment {
    variables = local.environment
  }

  depends_on = [aws_cloudwatch_log_group.gateway, aws_iam_role_policy.gateway]
  tags       = var.tags
}

resource "aws_apigatewayv2_api" "webhooks" {
  name          = var.name
  protocol_type = "HTTP"
  tags          = var.tags
}

resource "aws_apigatewayv2_integration" "gateway" {
  api_id                 = aws_apigatewayv2_api.webhooks.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.gateway.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "webhook" {
  for_each  = local.routes
  api_id    = aws_apigatewayv2_api.webhooks.id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.gateway.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.webhooks.id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    throttling_burst_limit = 100
    throttling_rate_limit  = 50
  }
  tags = var.tags
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.gateway.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.webhooks.execution_arn}/*/*"
}
