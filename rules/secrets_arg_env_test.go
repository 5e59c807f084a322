package rules

import "testing"

func TestSecretsInArgEnv(t *testing.T) {
	runRuleCases(t, "DF815", []ruleCase{
		{name: "ARG token", src: "FROM node:22\nARG NPM_TOKEN\nRUN npm ci\n", want: []int{2}, messages: []string{"ARG NPM_TOKEN"}},
		{name: "AWS keys", src: "FROM alpine:3.20\nARG AWS_ACCESS_KEY_ID\nARG AWS_SECRET_ACCESS_KEY\n", want: []int{2, 3}},
		{name: "ENV password literal", src: "FROM postgres:16\nENV POSTGRES_PASSWORD=password\n", want: []int{2}},
		{name: "ENV from ARG", src: "FROM alpine:3.20\nARG TOKEN\nENV GITHUB_TOKEN=$TOKEN\n", want: []int{2, 3}},
		{name: "ENV default credential", src: "FROM alpine:3.20\nENV ADMIN_PASSWORD=\"${ADMIN_PASSWORD:-welcome1}\"\n", want: []int{2}},
		{name: "lower case name", src: "FROM alpine:3.20\nENV db_password=s3cr3t\n", want: []int{2}},
		{name: "secret token word", src: "FROM alpine:3.20\nARG SECRET_KEY_BASE=abc123def\n", want: []int{2}},
		{name: "legacy ENV", src: "FROM alpine:3.20\nENV LICENSE_KEY lgNvGyhnUKpa5PJi\n", want: []int{2}},
		{name: "several pairs, the right one", src: "FROM alpine:3.20\nENV A=1 \\\n    API_KEY=abcd1234efgh\n", want: []int{3}},
		{name: "AWS key value under any name", src: "FROM alpine:3.20\nENV S3_ID=AKIAZ7VRSQ5TQWERTYUI\n", want: []int{2}, messages: []string{"AWS access key"}},
		{name: "GitHub token value", src: "FROM alpine:3.20\nARG GH=ghp_0123456789abcdefghijABCDEFGHIJ012345\n", want: []int{2}, messages: []string{"GitHub token"}},
		{name: "private key value", src: "FROM alpine:3.20\nENV CERT=\"-----BEGIN RSA PRIVATE KEY-----MIIE\"\n", want: []int{2}},
		{name: "later stage", src: "FROM alpine:3.20 AS a\nFROM a\nARG DB_PASSWD\n", want: []int{3}},

		{name: "public key", src: "FROM alpine:3.20\nENV PUBLIC_KEY=abc\n"},
		{name: "file", src: "FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pw\n"},
		{name: "version", src: "FROM alpine:3.20\nARG TOKEN_VERSION=2\n"},
		{name: "gpg keys", src: "FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n"},
		{name: "url", src: "FROM alpine:3.20\nENV AUTH_URL=https://auth.example.com/oauth\n"},
		{name: "boolean", src: "FROM alpine:3.20\nENV APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE=1 AUTH=false\n"},
		{name: "path", src: "FROM alpine:3.20\nENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json\n"},
		{name: "script name", src: "FROM oraclelinux:8\nENV RESET_OS_PASSWORD=\"resetOSPassword.sh\"\n"},
		{name: "empty ENV", src: "FROM alpine:3.20\nENV API_TOKEN=\"\"\n"},
		{name: "runtime pass-through", src: "FROM alpine:3.20\nENV DB_PASSWORD=${DB_PASSWORD:-}\n"},
		{name: "dotnet config key", src: "FROM mcr.microsoft.com/dotnet/runtime:8.0\nENV DefaultProcess__Filters__0__Key=ProcessId\n"},
		{name: "not a token word", src: "FROM alpine:3.20\nENV MONKEY=1 TOKENIZER=bpe KEYBOARD=us PASSWORDLESS=yes\n"},
		{name: "camel case is not split (as BuildKit)", src: "FROM alpine:3.20\nENV apiKeyHeader=X-Api-Key\n"},
		{name: "meta ARG", src: "ARG REGISTRY_TOKEN\nFROM alpine:3.20\n"},
		{name: "secret mount", src: "FROM node:22\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n"},
		{name: "AWS documentation example", src: "FROM alpine:3.20\nENV AWS_ID=AKIAIOSFODNN7EXAMPLE\n"},
	})
}

func TestSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"GITHUB_TOKEN": true, "api_key": true, "AWS_ACCESS_KEY_ID": true, "USER_PASSWORD": true,
		"SMTP_SERVER_PASSWORD": true, "SECRET_KEY_BASE": true, "TOKEN_URL_SECRET": true, "AUTH": true,
		"TOKEN_URL": false, "AUTH_TYPE": false, "SSH_AUTH_SOCK": false, "PUBLIC_KEY": false, "GPG_KEY": false,
		"DB_PASSWORD_FILE": false, "MONKEY": false, "APIKEYS": false, "apiKey": true, "KEY_PATH": false,
	} {
		if got := secretName(name); got != want {
			t.Errorf("secretName(%q) = %v, want %v", name, got, want)
		}
	}
}
