package rules

import "testing"

func TestOnbuildInvalidTrigger(t *testing.T) {
	runRuleCases(t, "DF811", []ruleCase{
		{name: "COPY without destination", src: "FROM node:22\nONBUILD COPY package.json\n", want: []int{2}, messages: []string{"at least two arguments"}},
		{name: "unknown instruction", src: "FROM node:22\nONBUILD RUNN npm ci\n", want: []int{2}, messages: []string{"unknown instruction"}},
		{name: "ENV without value", src: "FROM node:22\nonbuild ENV\n", want: []int{2}},
		{name: "bad flag", src: "FROM node:22\nONBUILD COPY --frm=build /a /b\n", want: []int{2}},

		{name: "valid triggers", src: "FROM node:22\nONBUILD COPY package.json ./\nONBUILD RUN npm ci\nONBUILD ARG NODE_ENV=production\n"},
		{name: "heredoc trigger", src: "FROM node:22\nONBUILD RUN <<EOF\nnpm ci\nEOF\n"},
		{name: "continuation", src: "FROM node:22\nONBUILD RUN npm ci \\\n  && npm test\n"},
	})
}
