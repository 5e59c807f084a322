package rules

import "testing"

func TestNpmUnpinned(t *testing.T) {
	runRuleCases(t, "DF703", []ruleCase{
		{name: "global", src: "FROM node:22\nRUN npm install -g typescript\n", want: []int{2},
			messages: []string{"npm install of package 'typescript' without a pinned version"}},
		{name: "alias i", src: "FROM node:22\nRUN npm i --save-dev eslint prettier@3.3.3 jest\n", want: []int{2},
			messages: []string{"packages eslint, jest"}},
		{name: "scoped", src: "FROM node:22\nRUN npm install -g @angular/cli\n", want: []int{2},
			messages: []string{"@angular/cli@<version>"}},
		{name: "latest is not a pin", src: "FROM node:22\nRUN npm install -g pm2@latest\n", want: []int{2}},
		{name: "value option skipped", src: "FROM node:22\nRUN npm --prefix /opt/x install --registry https://r.example serve\n", want: []int{2},
			messages: []string{"'serve'"}},
		{name: "yarn global add", src: "FROM node:22\nRUN yarn global add serve\n", want: []int{2},
			messages: []string{"yarn global add"}},
		{name: "yarn add", src: "FROM node:22\nRUN yarn add --dev left-pad\n", want: []int{2}},
		{name: "pnpm add", src: "FROM node:22\nRUN pnpm add -g --filter web zx\n", want: []int{2}},
		{name: "continuation", src: "FROM node:22\nRUN npm install -g \\\n      typescript@5.6.3 \\\n      ts-node\n", want: []int{4}},
		{name: "exec and sh -c and sudo", src: "FROM node:22\nRUN [\"npm\", \"i\", \"-g\", \"nodemon\"]\nRUN sh -c 'sudo npm i -g nodemon'\n", want: []int{2, 3}},
		{name: "heredoc", src: "FROM node:22\nRUN <<EOF\nnpm install -g nodemon\nEOF\n", want: []int{3}},

		{name: "git URL without a ref", src: "FROM node:22\nRUN npm install git+https://github.com/a/b.git\n", want: []int{2},
			messages: []string{"use git+https://github.com/a/b.git#<commit or tag>"}},

		{name: "pinned", src: "FROM node:22\nRUN npm install -g typescript@5.6.3 @angular/cli@18 'eslint@^9' next@canary\n"},
		{name: "variable version", src: "FROM node:22\nARG V=5\nRUN npm install -g typescript@$V\n"},
		{name: "lockfile installs", src: "FROM node:22\nRUN npm install && npm ci && npm install --omit=dev && npm i --production && yarn install && yarn\n"},
		{name: "local and remote specs", src: "FROM node:22\nRUN npm install ./pkg /tmp/x.tgz pkg.tgz git+https://github.com/a/b.git#v1.2.0 user/repo https://x/y.tgz alias@npm:pkg@1 file:../z\n"},
		{name: "npm itself", src: "FROM node:22\nRUN npm install -g npm && npm i -g npm@latest\n"},
		{name: "dynamic", src: "FROM node:22\nRUN npm install -g $PACKAGES\n"},
		{name: "other subcommands", src: "FROM node:22\nRUN npm run build && npm uninstall x && yarn remove x && pnpm install && npx create-app x\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN npm install -g typescript\n"},
	})
}

func TestYarnCacheClean(t *testing.T) {
	runRuleCases(t, "DF706", []ruleCase{
		{name: "install", src: "FROM node:22\nRUN yarn install --frozen-lockfile\n", want: []int{2},
			messages: []string{"yarn install without 'yarn cache clean'"}},
		{name: "bare yarn", src: "FROM node:22\nRUN yarn --production\n", want: []int{2}},
		{name: "cwd", src: "FROM node:22\nRUN yarn --cwd /app install\n", want: []int{2}},
		{name: "clean in a later RUN", src: "FROM node:22\nRUN yarn install\nRUN yarn cache clean\n", want: []int{2}},
		{name: "clean before install", src: "FROM node:22\nRUN yarn cache clean && yarn install\n", want: []int{2}},
		{name: "unrelated mount", src: "FROM node:22\nRUN --mount=type=bind,source=.,target=/src yarn install\n", want: []int{2}},
		{name: "heredoc and continuation", src: "FROM node:22\nRUN <<EOF\nyarn install\nEOF\nRUN cd /app && \\\n    yarn install\n", want: []int{3, 6}},
		{name: "sh -c", src: "FROM node:22\nRUN su node -c 'yarn install'\n", want: []int{2}},
		{name: "final stage only", src: "FROM node:22 AS build\nRUN yarn install && yarn build\nFROM node:22-slim\nCOPY --from=build /app/dist /app\nRUN yarn install --production\n", want: []int{5}},

		{name: "cleaned", src: "FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean\n"},
		{name: "cleaned with --all", src: "FROM node:22\nRUN yarn install && yarn cache clean --all\n"},
		{name: "removed", src: "FROM node:22\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn\n"},
		{name: "removed via cache dir", src: "FROM node:22\nRUN yarn install && rm -rf \"$(yarn cache dir)\"\n"},
		{name: "cache mount", src: "FROM node:22\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n"},
		{name: "builder stage", src: "FROM node:22 AS build\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n"},
		{name: "not install", src: "FROM node:22\nRUN yarn build && yarn add x@1 && yarn --version && yarn run test\n"},
		{name: "dynamic", src: "FROM node:22\nRUN yarn $YARN_ARGS\n"},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN yarn install\n"},
	})
}
