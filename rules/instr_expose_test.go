package rules

import "testing"

func TestExposeInvalid(t *testing.T) {
	runRuleCases(t, "DF806", []ruleCase{
		{name: "out of range", src: "FROM nginx:1.27\nEXPOSE 80 70000\n", want: []int{2}, messages: []string{"out of range"}},
		{name: "huge number", src: "FROM nginx:1.27\nEXPOSE 99999999999999999999\n", want: []int{2}, messages: []string{"out of range"}},
		{name: "host mapping", src: "FROM nginx:1.27\nEXPOSE 8080:80\n", want: []int{2}, messages: []string{"host"}},
		{name: "ip and host mapping", src: "FROM nginx:1.27\nEXPOSE 127.0.0.1:8080:80/tcp\n", want: []int{2}},
		{name: "bad protocol", src: "FROM nginx:1.27\nEXPOSE 80/http\n", want: []int{2}, messages: []string{"protocol"}},
		{name: "reversed range", src: "FROM nginx:1.27\nEXPOSE 9000-8000\n", want: []int{2}, messages: []string{"ends before"}},
		{name: "not a number", src: "FROM nginx:1.27\nEXPOSE http\n", want: []int{2}},
		{name: "empty port", src: "FROM nginx:1.27\nEXPOSE /udp\n", want: []int{2}},
		{name: "ARG-built", src: "FROM nginx:1.27\nARG PORT=70000\nEXPOSE $PORT\n", want: []int{3}},
		{name: "ARG with several ports", src: "FROM nginx:1.27\nARG PORTS=\"80 8080:80\"\nEXPOSE ${PORTS}\n", want: []int{3}},
		{name: "continuation", src: "FROM nginx:1.27\nEXPOSE 80 \\\n  443:443\n", want: []int{3}},
		{name: "second stage", src: "FROM golang:1.22 AS build\nFROM nginx:1.27\nEXPOSE 0-65536\n", want: []int{3}},
		{name: "escape directive", src: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nEXPOSE 80 `\n  80:80\n", want: []int{4}},

		{name: "valid", src: "FROM nginx:1.27\nEXPOSE 80 443/tcp 53/udp 9000/sctp\n"},
		{name: "range", src: "FROM nginx:1.27\nEXPOSE 8000-8010 7000-7000/udp\n"},
		{name: "limits", src: "FROM nginx:1.27\nEXPOSE 0 65535\n"},
		{name: "upper-case protocol is another rule", src: "FROM nginx:1.27\nEXPOSE 80/TCP\n"},
		{name: "unknown ARG", src: "FROM nginx:1.27\nARG PORT\nEXPOSE $PORT\n"},
		{name: "ENV from base image", src: "FROM nginx:1.27\nEXPOSE ${NGINX_PORT}\n"},
		{name: "ARG default", src: "FROM nginx:1.27\nARG PORT=8080\nEXPOSE ${PORT}/tcp\n"},
	})
}

func TestExposeProtoCasing(t *testing.T) {
	runRuleCases(t, "DF807", []ruleCase{
		{name: "TCP", src: "FROM nginx:1.27\nEXPOSE 80/TCP\n", want: []int{2}},
		{name: "Udp in a range", src: "FROM nginx:1.27\nEXPOSE 80/tcp 5000-5010/Udp\n", want: []int{2}},
		{name: "via ARG", src: "FROM nginx:1.27\nARG P=443/TCP\nEXPOSE $P\n", want: []int{3}},

		{name: "lower case", src: "FROM nginx:1.27\nEXPOSE 80/tcp 53/udp\n"},
		{name: "no protocol", src: "FROM nginx:1.27\nEXPOSE 80\n"},
		{name: "invalid protocol is DF806's", src: "FROM nginx:1.27\nEXPOSE 80/HTTP\n"},
	})
}

func TestExposeSSH(t *testing.T) {
	runRuleCases(t, "DF808", []ruleCase{
		{name: "22", src: "FROM ubuntu:24.04\nEXPOSE 22\n", want: []int{2}},
		{name: "22/tcp among others", src: "FROM ubuntu:24.04\nEXPOSE 80 22/tcp\n", want: []int{2}},
		{name: "via ARG", src: "FROM ubuntu:24.04\nARG SSH_PORT=22\nEXPOSE $SSH_PORT\n", want: []int{3}},

		{name: "2222", src: "FROM ubuntu:24.04\nEXPOSE 2222\n"},
		{name: "220", src: "FROM ubuntu:24.04\nEXPOSE 220 8022\n"},
		{name: "unknown", src: "FROM ubuntu:24.04\nARG P\nEXPOSE $P\n"},
	})
}
