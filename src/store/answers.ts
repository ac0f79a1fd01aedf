import type { Db } from "./database.js";

export interface AnswerRecord {
  quizId: number;
  userId: number;
  choice: number;
  correct: boolean;
  points: number;
  answeredAt: Date;
}

interface AnswerRow {
  quiz_id: number;
  user_id: number;
  choice: number;
  correct: number;
  points: number;
  answered_at: number;
}

const toAnswer = (row: AnswerRow): AnswerRecord => ({
  quizId: row.quiz_id,
  userId: row.user_id,
  choice: row.choice,
  correct: row.correct === 1,
  points: row.points,
  answeredAt: new Date(row.answered_at),
});

export class AnswerRepository {
  private readonly insertAnswer;
  private readonly one;
  private readonly perChoice;
  private readonly ofQuiz;

  constructor(db: Db) {
    this.insertAnswer = db.prepare(
      `INSERT INTO answers (quiz_id, user_id, choice, correct, points, answered_at)
       VALUES (@quizId, @userId, @choice, @correct, @points, @answeredAt)
       ON CONFLICT (quiz_id, user_id) DO NOTHING`,
    );
    this.one = db.prepare<[number, number], AnswerRow>("SELECT * FROM answers WHERE quiz_id = ? AND user_id = ?");
    this.perChoice = db.prepare<[number], { choice: number; n: number }>(
      "SELECT choice, COUNT(*) AS n FROM answers WHERE quiz_id = ? GROUP BY choice",
    );
    this.ofQuiz = db.prepare<[number], AnswerRow>("SELECT * FROM answers WHERE quiz_id = ? ORDER BY answered_at");
  }

  /** False when this person already answered: the primary key keeps the first answer. */
  insert(answer: AnswerRecord): boolean {
    return (
      this.insertAnswer.run({
        ...answer,
        correct: answer.correct ? 1 : 0,
        answeredAt: answer.answeredAt.getTime(),
      }).changes === 1
    );
  }

  find(quizId: number, userId: number): AnswerRecord | undefined {
    const row = this.one.get(quizId, userId);
    return row ? toAnswer(row) : undefined;
  }

  countsByChoice(quizId: number): Map<number, number> {
    return new Map(this.perChoice.all(quizId).map((row) => [row.choice, row.n]));
  }

  forQuiz(quizId: number): AnswerRecord[] {
    return this.ofQuiz.all(quizId).map(toAnswer);
  }
}
