-- CreateTable
CREATE TABLE "self_test_runs" (
    "id" SERIAL NOT NULL,
    "trigger" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,
    "steps" JSONB NOT NULL,

    CONSTRAINT "self_test_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "self_test_runs_finished_at_idx" ON "self_test_runs"("finished_at");

