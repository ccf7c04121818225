import { backendCases } from "../backend.case.ts";
import { openTempSqlite } from "./testing.ts";

// Small replay and compaction steps so the suite crosses step boundaries.
backendCases("sqlite", async () => openTempSqlite({ replayPage: 100, compaction: { chunkRows: 3 } }));
