-- CreateTable
CREATE TABLE "slack_posts" (
    "key" TEXT NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT,
    "file_id" TEXT,
    "permalink" TEXT,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "slack_posts_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "slack_posts_incident_id_idx" ON "slack_posts"("incident_id");

