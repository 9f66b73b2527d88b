// Fuzzing of the route table, shard 1 of 4 (see helpers/fuzz.ts). COGSYNC_FUZZ_RUNS sets the cases per route.
import { describeFuzzShard } from "./helpers/fuzz"

describeFuzzShard(1, 4)
