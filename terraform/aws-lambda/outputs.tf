output "webhook_urls" {
  description = "Where to point each provider's webhook (auto-detect URL, and one per provider)."
  value = {
    auto      = "${aws_apigatewayv2_stage.default.invoke_url}api/v1alpha1/autobuild"
    github    = "${aws_apigatewayv2_stage.default.invoke_url}api/v1alpha1/autobuild/github"
    gitlab    = "${aws_apigatewayv2_stage.default.invoke_url}api/v1alpha1/autobuild/gitlab"
    bitbucket = "${aws_apigatewayv2_stage.default.invoke_url}api/v1alpha1/autobuild/bitbucket"
    gitea     = "${aws_apigatewayv2_stage.default.invoke_url}api/v1alpha1/autobuild/gitea"
    forgejo   = "${aws_apigatewayv2_stage.default.invoke_url}api/v1alpha1/autobuild/forgejo"
  }
}

output "function_name" {
  description = "The Lambda function."
  value       = aws_lambda_function.gateway.function_name
}

output "webhook_secret_arn" {
  description = "The Secrets Manager secret holding the webhook secrets (rotate by updating it)."
  value       = aws_secretsmanager_secret.webhooks.arn
}

output "log_group" {
  description = "CloudWatch log group of the function."
  value       = aws_cloudwatch_log_group.gateway.name
}
