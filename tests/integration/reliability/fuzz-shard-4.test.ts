// Fuzzing of the route table, shard 4 of 4 (see helpers/fuzz.ts). COGSYNC_FUZZ_RUNS sets the cases per route.
import { describeFuzzShard } from "./helpers/fuzz"

describeFuzzShard(4, 4)
