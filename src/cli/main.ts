#!/usr/bin/env node
// The `loyaltydog` bin. Exits explicitly: idle keep-alive sockets to the API must not hold the process open.
import { runCli } from "./run.js";

process.exit(await runCli(process.argv.slice(2)));
